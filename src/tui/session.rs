//! One reader over a shared corpus, on any terminal: bytes typed and sizes come in as
//! [`Input`]s, frames go out to any writer. The local terminal (`tui/term.rs`) feeds it from
//! its own input and signals; a server can feed one per connection, all over one [`Stage`].

use super::app::App;
use super::config::Config;
use super::frames::Frames;
use super::input::Decoder;
use super::keymap::Key;
use super::stage::{Snapshot, Stage};
use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// What reaches a session from outside the reader.
#[derive(Debug)]
pub enum Input {
    /// Bytes typed in the terminal.
    Bytes(Vec<u8>),
    /// The terminal's new size.
    Resize(u16, u16),
    /// The terminal's input ended or failed: nobody is there any more.
    Gone,
    /// Asked to stop (a terminating signal, a server shutting down).
    Stop,
}

/// How long a lone ESC waits for the rest of a sequence before it counts as the Esc key.
const ESC_WAIT: Duration = Duration::from_millis(30);
/// How often a reader over a corpus still loading looks for its next state.
const STAGE_WAIT: Duration = Duration::from_millis(50);
/// How long an idle reader sleeps when nothing can change but by its inputs.
const IDLE_WAIT: Duration = Duration::from_secs(1);

/// A reader: its state, its decoder of typed bytes, and the corpus it follows.
pub struct Session {
    pub app: App,
    stage: Stage,
    /// The stage's version the app shows.
    seen: u64,
    decoder: Decoder,
}

impl Session {
    /// A reader over `stage`, opening on `opening` (a state of it: [`Stage::now`], or
    /// [`Stage::first`] to open where the loading began) at `width` × `height`; the newest
    /// state is taken after the first frame.
    pub fn new(stage: &Stage, opening: Snapshot, config: Config, width: u16, height: u16) -> Self {
        let mut app = App::new(opening.analysis, config);
        app.step = opening.step;
        app.resize(width, height);
        Self {
            app,
            stage: stage.clone(),
            // no version: the first look at the stage takes its newest state
            seen: u64::MAX,
            decoder: Decoder::default(),
        }
    }

    /// Takes typed bytes; keys run as they are decoded.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut keys = Vec::new();
        self.decoder.feed(bytes, &mut keys);
        self.press(keys);
    }

    fn press(&mut self, keys: Vec<Key>) {
        for key in keys {
            if self.app.quit {
                return;
            }
            self.app.handle_key(key);
        }
    }

    /// After a pause in the input: a pending ESC was the Esc key.
    pub fn pause(&mut self) {
        let mut keys = Vec::new();
        self.decoder.flush(&mut keys);
        self.press(keys);
    }

    /// Goes on over the stage's newest state, if there is one.
    pub fn follow_stage(&mut self) {
        let version = self.stage.version();
        if version == self.seen {
            return;
        }
        self.seen = version;
        if let Some(now) = self.stage.now() {
            self.app.take_stage(&now);
        }
    }

    /// How long to wait for input before [`Session::pause`] and [`Session::follow_stage`].
    pub fn wait(&self) -> Duration {
        if self.decoder.has_pending() {
            ESC_WAIT
        } else if !self.stage.ended() || self.stage.version() != self.seen {
            STAGE_WAIT
        } else {
            IDLE_WAIT
        }
    }

    /// True once the user has quit.
    pub fn done(&self) -> bool {
        self.app.quit
    }

    /// Runs the session on `inputs` until the user quits, the input ends or asks to stop, or a
    /// frame cannot be written (the terminal is gone): each batch of inputs is followed by one
    /// frame, written only where a cell changed.
    pub fn run<W: Write>(&mut self, frames: &mut Frames<W>, inputs: &Receiver<Input>) {
        let area = frames.area();
        self.app.resize(area.width, area.height);
        loop {
            if frames.show(&self.app).is_err() {
                return;
            }
            if let Some(text) = self.app.clipboard.take()
                && frames.send(&super::export::osc52(&text)).is_err()
            {
                return;
            }
            match inputs.recv_timeout(self.wait()) {
                Ok(first) => {
                    for input in std::iter::once(first).chain(inputs.try_iter()) {
                        match input {
                            Input::Bytes(b) => self.feed(&b),
                            Input::Resize(w, h) => {
                                frames.resize(w, h);
                                self.app.resize(w, h);
                            }
                            Input::Gone | Input::Stop => return,
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.pause(),
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if self.done() {
                return;
            }
            self.follow_stage();
        }
    }
}
