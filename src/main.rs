//! The `chatsky-redis` binary: parse arguments, run, exit with the documented code.
fn main() -> std::process::ExitCode {
    chatsky_redis::main()
}
