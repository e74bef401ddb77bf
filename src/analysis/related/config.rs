//! Weights, limits and the stop-word list of related passages, from `assets/related.toml`,
//! overridable key by key by a user file.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::Path;

const BUILTIN: &str = include_str!("../../../assets/related.toml");

/// How the parts of a score are weighted.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub text: f32,
    pub entities: f32,
    pub kinds: f32,
}

/// BM25 parameters.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bm25 {
    pub k1: f32,
    pub b: f32,
}

/// Bounds on the work and on the results.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub keep: usize,
    pub posting_cap: usize,
    pub max_candidates: usize,
    pub nearby: usize,
    pub rerank: usize,
}

/// Which words count.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WordsConfig {
    pub min_len: usize,
    pub numbers: bool,
    pub extra: Vec<String>,
    pub stop: Vec<String>,
}

/// Everything related passages can be tuned with.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RelatedConfig {
    pub score: Weights,
    pub bm25: Bm25,
    pub limits: Limits,
    pub words: WordsConfig,
}

impl RelatedConfig {
    /// The configuration embedded in the binary.
    pub fn builtin() -> Result<Self> {
        Self::from_toml_str("").context("invalid embedded assets/related.toml")
    }

    /// The embedded configuration with the keys of `text` replacing its own.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let mut base: toml::Table = toml::from_str(BUILTIN)?;
        let user: toml::Table = toml::from_str(text)?;
        merge(&mut base, user);
        let config: Self = toml::Value::Table(base).try_into()?;
        config.check()?;
        Ok(config)
    }

    /// The embedded configuration overridden by the file at `path`.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Self::from_toml_str(&text).with_context(|| format!("invalid {}", path.display()))
    }

    fn check(&self) -> Result<()> {
        let w = &self.score;
        for (name, v) in [
            ("score.text", w.text),
            ("score.entities", w.entities),
            ("score.kinds", w.kinds),
            ("bm25.k1", self.bm25.k1),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                bail!("{name} must be a number >= 0, not {v}");
            }
        }
        if !(0.0..=1.0).contains(&self.bm25.b) {
            bail!("bm25.b must lie between 0 and 1, not {}", self.bm25.b);
        }
        Ok(())
    }

    /// Every stop word, lowercase.
    pub fn stop_words(&self) -> impl Iterator<Item = &str> {
        self.words
            .stop
            .iter()
            .chain(&self.words.extra)
            .map(String::as_str)
    }
}

/// Writes the keys of `over` into `base`, table by table.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_configuration_is_valid() {
        let c = RelatedConfig::builtin().expect("embedded config");
        assert_eq!(c.limits.keep, 10);
        assert!(c.stop_words().any(|w| w == "the"));
    }

    #[test]
    fn a_user_file_overrides_single_keys_and_extends_stop_words() {
        let c = RelatedConfig::from_toml_str("[score]\ntext = 0.0\n[words]\nextra = [\"sahel\"]")
            .expect("valid");
        assert_eq!(c.score.text, 0.0);
        assert_eq!(
            c.score.entities,
            RelatedConfig::builtin().unwrap().score.entities
        );
        assert!(c.stop_words().any(|w| w == "sahel"));
        assert!(c.stop_words().any(|w| w == "the"));
    }

    #[test]
    fn bad_user_files_are_refused_with_the_cause() {
        let err = |t: &str| format!("{:#}", RelatedConfig::from_toml_str(t).unwrap_err());
        assert!(err("[bm25]\nb = 2.0").contains("bm25.b"));
        assert!(err("[score]\ntext = -1.0").contains("score.text"));
        assert!(err("[score]\ntxet = 1.0").contains("txet"));
        assert!(err("[score").contains("TOML") || err("[score").contains("expected"));
        let missing = RelatedConfig::from_file(Path::new("/nonexistent/related.toml"));
        assert!(format!("{:#}", missing.unwrap_err()).contains("/nonexistent/related.toml"));
    }
}
