//! `kam config`: the rep's profile from the command line. With no key, every setting with its
//! label and value (tab-separated, one per line); with a key, its value; with a key and a
//! value, sets it (an empty value clears it). The same fields as the profile dialog (`,`).

use super::Invocation;
use crate::domain::parse::parse_field;
use crate::domain::profile::{Profile, PROFILE_FIELDS};
use crate::i18n::{field_label, t_args};
use crate::text_safety::cell;
use anyhow::{anyhow, Result};
use serde_json::{Map, Value};
use std::io::Write;

pub fn config(
    cx: &Invocation,
    key: Option<&str>,
    value: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let lang = cx.lang;
    let Some(key) = key else {
        let profile = profile_map(&cx.read()?.profile()?);
        for f in PROFILE_FIELDS {
            let label = field_label(lang, "profile", f.key);
            writeln!(
                out,
                "{}\t{}\t{}",
                f.key,
                cell(&label),
                cell(&text(&profile, f.key))
            )?;
        }
        return Ok(());
    };
    let spec = PROFILE_FIELDS
        .iter()
        .find(|f| f.key == key)
        .ok_or_else(|| {
            let keys: Vec<&str> = PROFILE_FIELDS.iter().map(|f| f.key).collect();
            anyhow!(t_args(
                lang,
                "config-unknown-key",
                &[("key", key.into()), ("keys", keys.join(", ").into())]
            ))
        })?;
    let Some(value) = value else {
        let profile = profile_map(&cx.read()?.profile()?);
        writeln!(out, "{}", cell(&text(&profile, key)))?;
        return Ok(());
    };
    // Checked as the dialog checks it: one sentence, nothing changed.
    let parsed = parse_field(spec, value).map_err(|p| anyhow!("{}", p.message(lang)))?;
    let mut store = cx.write()?;
    let mut map = profile_map(&store.profile()?);
    map.insert(key.to_string(), parsed);
    let profile: Profile = serde_json::from_value(Value::Object(map))?;
    store.set_profile(&profile)?;
    let id = if value.trim().is_empty() {
        "config-cleared"
    } else {
        "config-set"
    };
    writeln!(out, "{}", t_args(lang, id, &[("key", key.into())]))?;
    Ok(())
}

fn profile_map(p: &Profile) -> Map<String, Value> {
    match serde_json::to_value(p) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}
