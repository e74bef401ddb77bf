//! The gazetteer: canonical names, kinds, aliases, demonyms and parents from `assets/`, compiled
//! into one matcher. STUB: to be filled in.

use anyhow::Result;

/// Compiled gazetteer.
#[derive(Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer embedded in the binary.
    pub fn builtin() -> Result<Self> {
        Ok(Self::default())
    }

    /// Parses a gazetteer TOML file.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let _ = text;
        Ok(Self::default())
    }

    /// Adds the entries of `other`, replacing entries of the same canonical name.
    pub fn merge(&mut self, other: Gazetteer) -> Result<()> {
        let _ = other;
        Ok(())
    }
}
