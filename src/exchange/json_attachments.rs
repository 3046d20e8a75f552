//! Attachments in kam's JSON export (issue 22): always listed (name, size, type, date, with
//! the account's code); their bytes as base64 only with `--include-attachments`, read one at
//! a time so a book of scanned contracts is never held whole; put back when the export is
//! restored into an empty book (a file listed without its bytes is not invented). CSV and
//! xlsx list them without bytes (attachment_table.rs).

use crate::domain::attachment::Attachment;
use crate::store::{Store, Writer};
use anyhow::{anyhow, Result};
use base64::Engine;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::HashMap;

/// One attachment in the document: its account's code, what is listed, and its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAttachment {
    pub code: String,
    #[serde(flatten)]
    pub attachment: Attachment,
    /// The bytes, base64 (standard alphabet, padded); none in an export without them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// The attachments listed (`Store::attachments_for_export`), streamed with their bytes or not.
pub struct Attachments<'a> {
    pub store: &'a Store,
    pub listed: Vec<(String, Attachment)>,
    pub bytes: bool,
}

impl Serialize for Attachments<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut seq = s.serialize_seq(Some(self.listed.len()))?;
        for (code, attachment) in &self.listed {
            let data = if self.bytes {
                let bytes = self
                    .store
                    .attachment_bytes(attachment.id)
                    .map_err(|e| S::Error::custom(format!("{e:#}")))?;
                Some(base64::engine::general_purpose::STANDARD.encode(bytes))
            } else {
                None
            };
            seq.serialize_element(&ExportedAttachment {
                code: code.clone(),
                attachment: attachment.clone(),
                data,
            })?;
        }
        seq.end()
    }
}

/// The attachments of the account with `code` (or all) as the document lists them: no bytes.
pub fn listed(store: &Store, code: Option<&str>) -> Result<Vec<ExportedAttachment>> {
    Ok(store
        .attachments_for_export(code)?
        .into_iter()
        .map(|(code, attachment)| ExportedAttachment {
            code,
            attachment,
            data: None,
        })
        .collect())
}

/// Puts the document's attachments back on the accounts restored (`codes`: code → id); one
/// listed without its bytes stays out (kam does not make up a file). How many went back.
pub fn restore(
    w: &mut Writer,
    codes: &HashMap<String, i64>,
    attachments: &[ExportedAttachment],
) -> Result<usize> {
    let mut n = 0;
    for e in attachments {
        let Some(data) = &e.data else { continue };
        let account = codes
            .get(&e.code)
            .copied()
            .unwrap_or(e.attachment.account_id);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.as_bytes())
            .map_err(|err| {
                anyhow!(
                    "the attachment {} of {} is not valid base64: {err}",
                    e.attachment.name,
                    e.code
                )
            })?;
        w.restore_attachment(account, &e.attachment, &bytes)?;
        n += 1;
    }
    Ok(n)
}
