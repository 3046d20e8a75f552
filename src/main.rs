//! Thin: parse the command line, run it, turn any error into one sentence.

fn main() {
    std::process::exit(kam::cli::main());
}
