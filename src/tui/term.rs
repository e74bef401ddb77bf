//! The local terminal: raw mode and the alternate screen entered once, restored on every exit
//! (quit, error, panic through a hook, SIGTERM and SIGHUP). The terminal's input is read on a
//! thread of its own, so that its end (a closed terminal, a dropped SSH connection) is seen and
//! ends the reader; signals arrive the same way. Frames are written only when a cell changed.

use super::config::Config;
use super::frames::Frames;
use super::session::{Input, Session};
use super::stage::Stage;
use anyhow::{Context, Result, bail};
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
use std::sync::mpsc::{self, Receiver, Sender};
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

/// Runs a reader over `stage` on this process's terminal until the user quits, a terminating
/// signal arrives or the terminal goes away.
pub fn run(stage: &Stage, config: Config) -> Result<()> {
    // opens where the loading began (the first files' articles), then follows it
    let Some(opening) = stage.first() else {
        bail!("no article to show");
    };
    session(|frames, inputs| {
        let area = frames.area();
        let mut reader = Session::new(stage, opening, config, area.width, area.height);
        reader.run(frames, inputs);
        Ok(())
    })
}

/// Where frames go: standard output, one write per frame where it fits.
type Out = io::BufWriter<Stdout>;

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
