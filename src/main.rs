//! The `sitrep` binary: everything lives in the library; see `sitrep::cli`.

fn main() -> std::process::ExitCode {
    return_large_blocks_at_once();
    sitrep::cli::main()
}

/// Makes glibc serve every block of 128 KiB or more by its own mapping, returned to the system
/// as soon as it is freed. By default the threshold rises to the size of the largest block
/// freed so far (up to 32 MiB); the large working buffers of loading, analysis and output then
/// stay in the heap after use, and the holes they leave raise the peak memory of a large corpus
/// by a tenth (docs/benchmark-history.md). Other allocators and systems are left as they are.
fn return_large_blocks_at_once() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before any thread starts,
    // and a refusal (a zero return) leaves the default behaviour.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
