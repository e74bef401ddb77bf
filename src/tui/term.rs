//! The local terminal: raw mode and the alternate screen entered once, restored on every exit
//! (quit, error, panic through a hook, SIGTERM and SIGHUP). The terminal's input is read on a
//! thread of its own, so that its end (a closed terminal, a dropped SSH connection) is seen and
//! ends the reader; signals arrive the same way. Frames are written only when a cell changed.

use super::app::App;
use super::frames::Frames;
use super::input::Decoder;
use super::stages::{Shown, Update};
use anyhow::{Context, Result};
use ratatui::crossterm::terminal::{
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Stdout, Write};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

/// Puts the terminal back as it was: leaves the alternate screen, shows the cursor, cooked mode.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Owns the terminal setup; dropping it restores the terminal.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Enters raw mode and the alternate screen, hides the cursor, installs the panic hook.
    pub fn enter() -> Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode().context("cannot put the terminal in raw mode")?;
        let guard = Guard { _private: () };
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
            .context("cannot enter the alternate screen")?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        let _ = std::panic::take_hook();
    }
}

/// Why an event loop returned.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    /// The user quit, a terminating signal arrived, or the terminal went away.
    Quit,
    /// The watch said ready.
    Ready,
}

/// Runs the event loop until quit, a terminating signal or the end of the terminal.
pub fn run_loop(app: &mut App) -> Result<()> {
    session(|frames, inputs| event_loop(frames, app, inputs, None).map(drop))
}

/// Runs `first`, a reader over part of the corpus or over its bare articles, while the rest is
/// made elsewhere; each stage that arrives on `pending` takes its place (see
/// [`App::next_stage`]). Keys are handled all along; `pending` is looked at between them, every
/// 50 ms.
pub fn run_loop_while_loading(first: App, pending: Receiver<Update>) -> Result<()> {
    session(|frames, inputs| follow_stages(frames, first, &pending, inputs))
}

/// Runs `app` until quit or the next stage, then goes on over that one (a stage's analysis
/// lives in its own call, which the reader over it borrows).
fn follow_stages(
    frames: &mut Frames<Out>,
    mut app: App,
    pending: &Receiver<Update>,
    inputs: &Receiver<Input>,
) -> Result<()> {
    if app.loading.is_none() && app.analysis.analysed {
        return event_loop(frames, &mut app, inputs, None).map(drop);
    }
    let mut next: Option<Shown> = None;
    let mut watch = |app: &mut App| {
        let mut seen = Watch::Nothing;
        loop {
            match pending.try_recv() {
                Ok(Update::Read(l)) => {
                    app.loading = Some(l);
                    seen = Watch::Changed;
                }
                Ok(Update::Stage(s)) => {
                    next = Some(*s);
                    return Watch::Ready;
                }
                Err(TryRecvError::Empty) => return seen,
                Err(TryRecvError::Disconnected) => return Watch::Ready,
            }
        }
    };
    if event_loop(frames, &mut app, inputs, Some(&mut watch))? == Ended::Quit {
        return Ok(());
    }
    let Some(shown) = next else {
        app.message = Some(if app.loading.is_some() {
            "the loading failed: showing the articles read so far".into()
        } else {
            "the analysis failed: showing the articles only".into()
        });
        return event_loop(frames, &mut app, inputs, None).map(drop);
    };
    let app = app.next_stage(&shown);
    follow_stages(frames, app, pending, inputs)
}

/// What a watch over work done elsewhere saw (see [`event_loop`]).
#[derive(Debug, PartialEq, Eq)]
enum Watch {
    Nothing,
    /// Something the reader shows changed: draw again.
    Changed,
    /// The event loop should return.
    Ready,
}

/// What reaches the event loop from outside the reader.
enum Input {
    /// Bytes typed in the terminal.
    Bytes(Vec<u8>),
    /// The terminal's new size.
    Resize(u16, u16),
    /// The terminal's input ended or failed: nobody is there any more.
    Gone,
    /// SIGTERM or SIGHUP.
    Stop,
}

/// Where frames go: standard output, one write per frame where it fits.
type Out = io::BufWriter<Stdout>;

/// How long a lone ESC waits for the rest of a sequence before it counts as the Esc key.
const ESC_WAIT: Duration = Duration::from_millis(30);
/// After SIGTERM or SIGHUP, how long the event loop has to end before the process is ended
/// without it (a write blocked on a terminal that no longer reads, say).
const STOP_GRACE: Duration = Duration::from_millis(700);

/// Enters the terminal (restored on every exit), reads its input and watches SIGTERM, SIGHUP and
/// SIGWINCH on threads of their own, and runs `f`.
fn session(f: impl FnOnce(&mut Frames<Out>, &Receiver<Input>) -> Result<()>) -> Result<()> {
    let (send, inputs) = mpsc::channel();
    let tty = input_terminal()?;
    let (w, h) = ratatui::crossterm::terminal::size().context("cannot read the terminal size")?;
    let signals = Signals::new([SIGTERM, SIGHUP, SIGWINCH]).context("cannot watch signals")?;
    let ended = Arc::new(AtomicBool::new(false));
    let watcher = signals.handle();
    spawn_signal_watch(signals, send.clone(), Arc::clone(&ended));
    let result = Guard::enter().and_then(|_guard| {
        spawn_input(tty, send);
        let mut frames = Frames::new(io::BufWriter::with_capacity(1 << 16, io::stdout()), w, h);
        f(&mut frames, &inputs)
    });
    ended.store(true, Ordering::SeqCst);
    watcher.close();
    result
}

/// The terminal's input: standard input when it is the terminal, else the controlling terminal.
fn input_terminal() -> Result<File> {
    if io::stdin().is_terminal() {
        let fd = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .context("cannot read the terminal")?;
        return Ok(File::from(fd));
    }
    File::open("/dev/tty").context("cannot read the terminal (/dev/tty)")
}

/// Reads the terminal until its input ends or fails, which says the terminal is gone.
fn spawn_input(mut tty: File, send: Sender<Input>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match tty.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if send.send(Input::Bytes(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = send.send(Input::Gone);
    });
}

/// Turns signals into inputs. A terminating signal that the event loop does not answer within
/// [`STOP_GRACE`] ends the process here, after putting the terminal back as well as it can.
fn spawn_signal_watch(mut signals: Signals, send: Sender<Input>, ended: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGWINCH {
                if let Ok((w, h)) = ratatui::crossterm::terminal::size() {
                    let _ = send.send(Input::Resize(w, h));
                }
                continue;
            }
            let _ = send.send(Input::Stop);
            std::thread::sleep(STOP_GRACE);
            if !ended.load(Ordering::SeqCst) {
                restore();
                std::process::exit(128 + sig);
            }
        }
    });
}

/// Draws `app`, then handles keys and resizes, drawing after each batch that changed a cell,
/// until quit, a signal, the end of the terminal, or `watch` says ready (asked between batches,
/// at least every 50 ms; it may change the app, which is then drawn again). A frame that cannot
/// be written means the terminal is gone, which ends the loop as quitting does.
fn event_loop(
    frames: &mut Frames<Out>,
    app: &mut App,
    inputs: &Receiver<Input>,
    mut watch: Option<&mut dyn FnMut(&mut App) -> Watch>,
) -> Result<Ended> {
    let area = frames.area();
    app.resize(area.width, area.height);
    let mut decoder = Decoder::default();
    let mut keys = Vec::new();
    loop {
        if frames.show(app).is_err() {
            return Ok(Ended::Quit);
        }
        let wait = if decoder.has_pending() {
            ESC_WAIT
        } else if watch.is_some() {
            Duration::from_millis(50)
        } else {
            Duration::from_secs(1)
        };
        match inputs.recv_timeout(wait) {
            Ok(first) => {
                for input in std::iter::once(first).chain(inputs.try_iter()) {
                    match input {
                        Input::Bytes(b) => decoder.feed(&b, &mut keys),
                        Input::Resize(w, h) => {
                            frames.resize(w, h);
                            app.resize(w, h);
                        }
                        Input::Gone | Input::Stop => return Ok(Ended::Quit),
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => decoder.flush(&mut keys),
            Err(RecvTimeoutError::Disconnected) => return Ok(Ended::Quit),
        }
        for key in keys.drain(..) {
            app.handle_key(key);
            if app.quit {
                return Ok(Ended::Quit);
            }
        }
        if let Some(Watch::Ready) = watch.as_mut().map(|w| w(app)) {
            return Ok(Ended::Ready);
        }
    }
}
