//! Demo attachments (issue 22): about three accounts in a hundred keep a file — a signed
//! quotation as a short text, and for some a business card as a tiny PNG on their first
//! person — small generated files, so the 100,000-account demo grows by a few megabytes at
//! most. Drawn from a stream of their own, so every other demo value stays as it was.

use super::rng::Rng;
use crate::store::{AttachTo, Writer};
use anyhow::Result;
use rusqlite::OptionalExtension;

/// A valid 1×1 PNG (69 bytes): what a photo of a card is to the screens and exports.
const CARD_PNG: [u8; 69] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xd0, 0xcb, 0xdf, 0x0c,
    0x00, 0x02, 0x1f, 0x01, 0x51, 0x20, 0xa1, 0x18, 0x8f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The attachments of the accounts just written (id, code, name): how many were added.
pub(super) fn write(
    w: &mut Writer,
    accounts: &[(i64, String, String)],
    seed: u64,
) -> Result<usize> {
    let mut n = 0;
    for (id, code, name) in accounts {
        let number: u64 = code
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap_or(0);
        let mut r = Rng::fork(seed ^ 0xa77a_c4ed, number);
        if !r.chance(3) {
            continue;
        }
        let zh = !name.is_ascii();
        let amount = r.range(12, 480) * 1_000;
        let (file, text) = if zh {
            (
                format!("报价单-{code}.txt"),
                format!("报价单\n客户：{name}\n金额：¥{amount}（含税 13%）\n有效期：30 天\n已签字盖章\n"),
            )
        } else {
            (
                format!("quotation-{code}.txt"),
                format!("Quotation\nCustomer: {name}\nAmount: USD {amount} (tax excluded)\nValid for 30 days\nSigned\n"),
            )
        };
        let to = AttachTo {
            account_id: *id,
            ..Default::default()
        };
        w.insert_attachment(to, &file, text.as_bytes())?;
        n += 1;
        if r.chance(50) {
            let person: Option<(i64, String)> = w
                .tx()
                .query_row(
                    "SELECT id, name FROM contacts WHERE account_id = ?1 ORDER BY id LIMIT 1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((contact, person)) = person {
                let card = if zh {
                    format!("名片-{person}.png")
                } else {
                    format!("card-{person}.png")
                };
                let to = AttachTo {
                    account_id: *id,
                    contact_id: Some(contact),
                    ..Default::default()
                };
                w.insert_attachment(to, &card, &CARD_PNG)?;
                n += 1;
            }
        }
    }
    Ok(n)
}
