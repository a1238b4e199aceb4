//! The `phoihop` command (see `phoihop::cli`).

fn main() -> std::process::ExitCode {
    phoihop::cli::run()
}
