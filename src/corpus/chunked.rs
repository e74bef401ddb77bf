//! Scanning text for the rare bytes that need attention, a chunk at a time: a test with no
//! branch per byte, which runs on many bytes per instruction, passes the chunks of plain text
//! (most of most texts), and only the others are read byte by byte.

/// How many bytes a chunk holds.
const CHUNK: usize = 32;

/// Whether any byte of `b` is `found`, reading only the chunks that `plain` does not pass.
/// `plain(from, to)` and `found(from, to)` look at the bytes `from..to` of `b` (and may look
/// past `to`, at the bytes a character or pair starting there spans); a plain chunk must hold
/// nothing `found` would find.
pub(super) fn any_found(
    b: &[u8],
    plain: impl Fn(usize, usize) -> bool,
    found: impl Fn(usize, usize) -> bool,
) -> bool {
    let mut from = 0;
    for chunk in b.chunks(CHUNK) {
        let to = from + chunk.len();
        if !plain(from, to) && found(from, to) {
            return true;
        }
        from = to;
    }
    false
}
