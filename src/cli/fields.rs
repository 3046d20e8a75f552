//! `kam fields add|list|remove`: the team's own fields on accounts and contacts (custom
//! fields, issue 22), defined from the command line as on the interface's fields screen.
//! Every refusal is one sentence and stores nothing (store/custom_fields.rs).

use super::Invocation;
use crate::domain::custom_field::{split_choices, CustomField, CustomType};
use crate::domain::RecordKind;
use crate::i18n::{t, t_args};
use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum FieldsAction {
    /// Adds a field to accounts or contacts.
    Add {
        of: FieldOf,
        /// The field's name, in your words: the form's label and the export's column.
        name: String,
        #[arg(long = "type", value_enum, default_value_t = FieldType::Text)]
        ty: FieldType,
        /// The choices of a choice list, separated by commas: 高,中,低.
        #[arg(long)]
        choices: Option<String>,
    },
    /// Lists the fields (--json: as the book keeps them).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Removes a field; --erase-values also takes its values out of every record (history
    /// keeps them), without which a field still filled in is not removed.
    Remove {
        of: FieldOf,
        name: String,
        #[arg(long)]
        erase_values: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FieldOf {
    Account,
    Contact,
}

impl FieldOf {
    fn kind(self) -> RecordKind {
        match self {
            FieldOf::Account => RecordKind::Account,
            FieldOf::Contact => RecordKind::Contact,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FieldType {
    Text,
    Number,
    Date,
    Choice,
}

impl FieldType {
    fn custom(self) -> CustomType {
        match self {
            FieldType::Text => CustomType::Text,
            FieldType::Number => CustomType::Number,
            FieldType::Date => CustomType::Date,
            FieldType::Choice => CustomType::Choice,
        }
    }
}

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
