//! What `kam fields` accepts, as clap reads it (store/custom_fields.rs does the work,
//! cli/fields.rs prints): apart from the command's code so that `commands.rs` names it
//! without depending on the invocation.

use crate::domain::{CustomType, RecordKind};
use clap::{Args, Subcommand, ValueEnum};

/// `kam fields` and what it is asked to do.
#[derive(Debug, Args)]
pub struct FieldsArgs {
    #[command(subcommand)]
    pub action: FieldsAction,
}

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
    pub fn kind(self) -> RecordKind {
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
    pub fn custom(self) -> CustomType {
        match self {
            FieldType::Text => CustomType::Text,
            FieldType::Number => CustomType::Number,
            FieldType::Date => CustomType::Date,
            FieldType::Choice => CustomType::Choice,
        }
    }
}
