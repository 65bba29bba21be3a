//! The `chatsky-redis` binary: parse arguments, run, exit with the documented code.

// Validation builds a JSON tree per document on every core; mimalloc's per-thread heaps make
// that allocation churn far cheaper than glibc's malloc (measured with scripts/bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    chatsky_redis::main()
}
