//! `kam today [--date D] [--qr] [--ics FILE]`: the day's visits for the rep on the move, as
//! lines, as a QR code the phone's camera reads (no server), or as the day's calendar with
//! alarms and briefs. What the visits are is `visits::today`; drawing the code is here.

use super::commands::TodayArgs;
use super::Invocation;
use crate::i18n::{t_args, Lang};
use crate::visits::today::{qr_payload, stops, QR_BYTES};
use anyhow::{anyhow, Result};
use qrcode::render::unicode::Dense1x2;
use qrcode::{EcLevel, QrCode};
use std::io::Write;

pub fn today(cx: &Invocation, args: &TodayArgs, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let today = store.now().date();
    let day = match args.date.as_deref() {
        Some(d) => crate::domain::when::parse_date_on(d, today).map_err(anyhow::Error::new)?,
        None => today,
    };
    let lang = cx.lang;
    let stops = stops(&store, day)?;
    if stops.is_empty() {
        writeln!(
            out,
            "{}",
            t_args(lang, "today-none", &[("day", day.to_string().into())])
        )?;
    } else {
        writeln!(
            out,
            "{}",
            t_args(
                lang,
                "today-title",
                &[
                    ("day", day.to_string().into()),
                    ("count", stops.len().into())
                ]
            )
        )?;
        for s in &stops {
            writeln!(out, "  {} {}", s.code, s.line())?;
        }
    }
    if let Some(file) = &args.ics {
        crate::exchange::write_private(file, |w| {
            crate::visits::ics::write_day(&store, day, lang, w)
        })?;
        writeln!(
            out,
            "{}",
            t_args(
                lang,
                "today-ics-written",
                &[("file", file.display().to_string().into())]
            )
        )?;
    }
    if args.qr && !stops.is_empty() {
        let (payload, kept) = qr_payload(day, &stops, QR_BYTES);
        writeln!(out, "{}", qr(&payload)?)?;
        writeln!(out, "{}", qr_note(lang, kept, stops.len()))?;
    }
    Ok(())
}

/// The code in half blocks (two modules a character row), dark on light whatever the
/// terminal's colours, with its quiet zone.
fn qr(payload: &str) -> Result<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::L)
        .map_err(|e| anyhow!("the QR code: {e}"))?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// What the code holds, and what it leaves out.
fn qr_note(lang: Lang, kept: usize, count: usize) -> String {
    if kept == count {
        t_args(lang, "today-qr-all", &[("count", count.into())])
    } else {
        t_args(
            lang,
            "today-qr-cut",
            &[
                ("kept", kept.into()),
                ("count", count.into()),
                ("left", (count - kept).into()),
                ("bytes", QR_BYTES.into()),
            ],
        )
    }
}
