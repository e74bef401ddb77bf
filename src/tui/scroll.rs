//! Page sizes, one rule for every pane, popup and view: a full page moves by the rows shown less
//! one (the last row stays in sight, for context), half a page by half of them.

/// How far a page key moves over `rows` visible rows (or items): at least one.
pub fn page(rows: usize, half: bool) -> usize {
    if half {
        (rows / 2).max(1)
    } else {
        rows.saturating_sub(1).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_a_row_in_sight_and_never_stalls() {
        assert_eq!(page(24, false), 23);
        assert_eq!(page(24, true), 12);
        assert_eq!(page(1, false), 1);
        assert_eq!(page(1, true), 1);
        assert_eq!(page(0, false), 1);
    }
}
