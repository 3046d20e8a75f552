//! What `kam team` accepts, as clap reads it (cli/team.rs does the work): its own file so
//! that the command line's list of commands stays one screen of reading.

use clap::Subcommand;
use std::path::PathBuf;

// `kam team …` (no doc comment: clap would take it as the help).
#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Create or upgrade the team's schema on a PostgreSQL server, as its manager (the
    /// address's login, which needs CREATEROLE), and join this book to it. The password is
    /// asked (or read from KAM_TEAM_PASSWORD) and kept in the book, never on the command line.
    Init {
        /// postgres://LOGIN@HOST[:PORT]/DATABASE (TLS, the server verified; no password here)
        #[arg(long, value_name = "URL")]
        server: String,
        /// The certificate (PEM) of a private authority that signed the server's certificate;
        /// kept in the book.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
    },
    /// Join this book to a team as the rep the manager added (the address's login).
    Join {
        #[arg(long, value_name = "URL")]
        server: String,
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
    },
    /// Add a rep (a login of the server and a member of the team), or reset their password:
    /// asked twice, or KAM_TEAM_REP_PASSWORD. The manager's book only.
    Add {
        name: String,
        /// The rep is a manager: sees and may change every account of the team.
        #[arg(long)]
        manager: bool,
    },
    /// Give an account to a rep: they receive it at their next sync, the old rep's laptop
    /// drops it at theirs, the manager keeps all.
    Assign { code: String, rep: String },
    /// Erase an account (with everything in it) on the team server, as a manager: every
    /// laptop erases it at its next sync, this one at once. For a person's data-protection
    /// request; a contact alone is erased with kam forget CODE:NAME on a laptop.
    Forget { code: String },
    /// The reps, their laptops and accounts, when each last sent and took changes, and how
    /// many changes of this book wait for the next sync.
    Status,
}
