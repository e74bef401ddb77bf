//! The `sitrep` binary: everything lives in the library; see `sitrep::cli`.

fn main() -> std::process::ExitCode {
    sitrep::cli::main()
}
