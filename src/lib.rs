//! sitrep: a terminal briefing reader for analysts following a developing crisis.
//!
//! Data flows one way: files → [`corpus`] (clean `Article`s) → [`analysis`] (entities, events,
//! dates, timeline, related passages) → views ([`tui`], [`briefing`], [`extract`]).

pub mod analysis;
pub mod briefing;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod extract;
pub mod notebook;
pub mod order;
pub mod tui;
