//! What opens over a screen and takes the keys until closed: the account finder, the notes
//! search, the key help and a yes/no question. (A record form or dialog sits between the
//! screen and these: see `form`.) Their types are here, below the `App` that holds one;
//! what each does with a key is in its own file, above it.

pub mod confirm;
pub mod help;
pub mod notes;
pub mod search;

use super::dialogs::ImportCheck;
use super::hit_list::HitList;
use crate::domain::RecordKind;
use crate::search::Hit;
use crate::store::{Change, NoteHit};

/// The one overlay open, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Search(SearchState),
    Notes(NoteSearchState),
    /// The keys of the screen, with the line selected (the help scrolls on a short window).
    Help(usize),
    Confirm(Confirm),
}

/// A yes/no question; what a yes does is in confirm.rs.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Delete {
        kind: RecordKind,
        id: i64,
        title: String,
    },
    DiscardForm,
    CancelPlan {
        id: i64,
        title: String,
    },
    /// Put an earlier value of a field back.
    RestoreValue(Change),
    /// Undo the last change (all the fields one save changed).
    Undo(Vec<Change>),
    /// The dry run of an import: go ahead, or (when the file cannot go in) its problems.
    Import(ImportCheck),
    Merge {
        keep: i64,
        drop: i64,
        keep_name: String,
        drop_name: String,
    },
    /// `x` on an encrypted book: the dossier would be written unencrypted.
    PlainExport,
    /// Take the last import back as a whole (`I` on the list).
    UndoImport,
    /// A deal's product the catalogue lacks: add it (app/catalogue.rs).
    AddProduct {
        name: String,
        price: Option<crate::domain::Money>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    OpenAccount,
    /// The first field of a quick visit record started away from an account.
    RecordVisit,
    /// The duplicate to merge into this account (kept).
    MergeInto(i64),
}

/// The account search: the finder's hits, and what Enter does with the chosen account.
pub type SearchState = HitList<Hit, SearchPurpose>;

/// The notes search: notes found by what they say; Enter always opens the note.
pub type NoteSearchState = HitList<NoteHit>;
