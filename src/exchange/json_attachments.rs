//! Attachments in kam's JSON export (issue 22): only with `--include-attachments`, each with
//! its account's code and its bytes as base64, read one at a time so a book of scanned
//! contracts is never held whole; and put back when the export is restored into an empty
//! book. CSV and xlsx do not carry them.

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
    /// The bytes, base64 (standard alphabet, padded).
    pub data: String,
}

/// The attachments of the accounts with `code` (or all), streamed.
pub struct Attachments<'a> {
    pub store: &'a Store,
    pub code: Option<&'a str>,
}

impl Serialize for Attachments<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let listed = self
            .store
            .attachments_for_export(self.code)
            .map_err(|e| S::Error::custom(format!("{e:#}")))?;
        let mut seq = s.serialize_seq(Some(listed.len()))?;
        for (code, attachment) in listed {
            let bytes = self
                .store
                .attachment_bytes(attachment.id)
                .map_err(|e| S::Error::custom(format!("{e:#}")))?;
            seq.serialize_element(&ExportedAttachment {
                code,
                attachment,
                data: base64::engine::general_purpose::STANDARD.encode(bytes),
            })?;
        }
        seq.end()
    }
}

/// Puts the document's attachments back on the accounts restored (`codes`: code → id).
pub fn restore(
    w: &mut Writer,
    codes: &HashMap<String, i64>,
    attachments: &[ExportedAttachment],
) -> Result<usize> {
    for e in attachments {
        let account = codes
            .get(&e.code)
            .copied()
            .unwrap_or(e.attachment.account_id);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(e.data.as_bytes())
            .map_err(|err| {
                anyhow!(
                    "the attachment {} of {} is not valid base64: {err}",
                    e.attachment.name,
                    e.code
                )
            })?;
        w.restore_attachment(account, &e.attachment, &bytes)?;
    }
    Ok(attachments.len())
}
