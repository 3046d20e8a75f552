//! `kam fields add|list|remove`: the team's own fields on accounts and contacts (custom
//! fields, issue 22), defined from the command line as on the interface's fields screen.
//! Every refusal is one sentence and stores nothing (store/custom_fields.rs).

use super::fields_args::{FieldOf, FieldType, FieldsAction};
use super::Invocation;
use crate::domain::custom_field::{split_choices, CustomField};
use crate::i18n::{t, t_args};
use anyhow::Result;
use std::io::Write;

pub fn run(cx: &Invocation, action: &FieldsAction, out: &mut impl Write) -> Result<()> {
    match action {
        FieldsAction::Add {
            of,
            name,
            ty,
            choices,
        } => add(cx, *of, name, *ty, choices.as_deref(), out),
        FieldsAction::List { json } => list(cx, *json, out),
        FieldsAction::Remove {
            of,
            name,
            erase_values,
        } => remove(cx, *of, name, *erase_values, out),
    }
}

fn add(
    cx: &Invocation,
    of: FieldOf,
    name: &str,
    ty: FieldType,
    choices: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let mut store = cx.write()?;
    store.add_custom_field(CustomField {
        kind: of.kind().table().to_string(),
        name: name.to_string(),
        ty: ty.custom(),
        choices: choices.map(split_choices).unwrap_or_default(),
    })?;
    let line = t_args(
        cx.lang,
        "custom-field-added",
        &[
            ("name", name.trim().to_string().into()),
            (
                "section",
                t(cx.lang, &format!("section-{}", of.kind().table())).into(),
            ),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}

fn list(cx: &Invocation, json: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let all = store.custom_fields()?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        return Ok(());
    }
    if all.is_empty() {
        writeln!(out, "{}", t(cx.lang, "custom-fields-none"))?;
    }
    for f in all {
        let mut line = format!(
            "{}\t{}\t{}",
            t(cx.lang, &format!("section-{}", f.kind)),
            f.name,
            f.ty.label(cx.lang)
        );
        if !f.choices.is_empty() {
            line.push('\t');
            line.push_str(&f.choices.join(", "));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn remove(
    cx: &Invocation,
    of: FieldOf,
    name: &str,
    erase: bool,
    out: &mut impl Write,
) -> Result<()> {
    let mut store = cx.write()?;
    let n = store.remove_custom_field(of.kind(), name, erase)?;
    let line = t_args(
        cx.lang,
        "custom-field-removed",
        &[
            ("name", name.trim().to_string().into()),
            ("count", (n as i64).into()),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}
