//! `kam place CODE LAT LON` and `kam place CODE --clear`: the rep sets where an account is by
//! hand (issue 23), when its 省/市/区 says too little or wrongly; `geo` uses that point before
//! the address from then on (distances, the week plan's route, the map). A point off the earth,
//! or half a point, is refused by the account's own check in one sentence, and nothing changes.

use super::lookup::no_account;
use super::Invocation;
use crate::i18n::{t_args, Said};
use anyhow::{bail, Result};
use std::io::Write;

pub fn place(
    cx: &Invocation,
    code: &str,
    point: &[f64],
    clear: bool,
    out: &mut impl Write,
) -> Result<()> {
    let (lat, lon) = match (point, clear) {
        ([lat, lon], false) => (Some(*lat), Some(*lon)),
        ([], true) => (None, None),
        _ => bail!(Said::new("place-needs-point")),
    };
    let mut store = cx.write()?;
    let mut a = store
        .account_by_code(code)?
        .ok_or_else(|| no_account(cx, code))?;
    a.place_lat = lat;
    a.place_lon = lon;
    store.update(&mut a)?;
    let line = match (lat, lon) {
        (Some(lat), Some(lon)) => t_args(
            cx.lang,
            "place-set",
            &[
                ("code", a.code.clone().into()),
                ("lat", lat.to_string().into()),
                ("lon", lon.to_string().into()),
            ],
        ),
        _ => t_args(cx.lang, "place-cleared", &[("code", a.code.clone().into())]),
    };
    writeln!(out, "{line}")?;
    Ok(())
}
