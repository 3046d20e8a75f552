//! `kam distance CODE CODE…`: how far apart accounts are, not only how far from the office
//! (issue 23): each leg in the order given and the whole way, in a straight line between the
//! places their addresses name (`geo`), so "about".

use super::lookup::no_account;
use super::Invocation;
use crate::geo::{distance_km, place_account, Point};
use crate::i18n::t_args;
use anyhow::{anyhow, Result};
use std::io::Write;

pub fn distance(cx: &Invocation, codes: &[String], out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let mut stops: Vec<(String, Point)> = vec![];
    for code in codes {
        let a = store
            .account_by_code(code)?
            .ok_or_else(|| no_account(cx, code))?;
        let p = place_account(
            (a.place_lat, a.place_lon),
            a.province.as_deref(),
            a.city.as_deref(),
            a.district.as_deref(),
        )
        .ok_or_else(|| {
            anyhow!(t_args(
                cx.lang,
                "distance-unplaced",
                &[("code", a.code.clone().into())]
            ))
        })?;
        stops.push((a.code, p.point));
    }
    let mut total = 0.0;
    for pair in stops.windows(2) {
        let km = distance_km(pair[0].1, pair[1].1);
        total += km;
        let line = t_args(
            cx.lang,
            "distance-leg",
            &[
                ("from", pair[0].0.clone().into()),
                ("to", pair[1].0.clone().into()),
                ("km", format!("{km:.1}").into()),
            ],
        );
        writeln!(out, "{line}")?;
    }
    if stops.len() > 2 {
        let line = t_args(
            cx.lang,
            "distance-total",
            &[("km", format!("{total:.1}").into())],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}
