use std::cell::{Cell, RefCell};
use std::rc::Rc;

use porting_model::Porting;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::policy::{failed_poll, refused_stream, Next, Policy, PollEnd, StreamEnd, STREAM_SILENCE_MS};
use super::sse::{EventReader, Said};
use crate::api::{retry_after_of, Api};

/// A porting being followed; dropping this stops following it at once.
pub struct Following {
    shared: Rc<Shared>,
    on_visibility: Option<Closure<dyn FnMut()>>,
}

/// What the loop and its owner share: whether to stop, and how to cut a wait or a read short.
#[derive(Default)]
struct Shared {
    stopped: Cell<bool>,
    request: RefCell<Option<web_sys::AbortController>>,
    /// The wait under way: its timer and what ends it.
    wait: RefCell<Option<(i32, js_sys::Function)>>,
    /// A porting the buyer's own action brought while polling (see [`Following::saw`]).
    seen: RefCell<Option<Porting>>,
    polling: Cell<bool>,
}

impl Shared {
    /// Ends the read or the wait under way, so the loop looks at the world again.
    fn interrupt(&self) {
        if let Some(request) = self.request.borrow_mut().take() {
            request.abort();
        }
        self.wake();
    }

    fn wake(&self) {
        if let Some((timer, wake)) = self.wait.borrow_mut().take() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(timer);
            }
            let _ = wake.call0(&JsValue::NULL);
        }
    }

    /// Waits `ms` (or until interrupted; without `ms`, only until interrupted).
    async fn wait(&self, ms: Option<u32>) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let timer = match (ms, web_sys::window()) {
                (Some(ms), Some(window)) => window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        &resolve,
                        i32::try_from(ms).unwrap_or(i32::MAX),
                    )
                    .unwrap_or_default(),
                _ => 0,
            };
            *self.wait.borrow_mut() = Some((timer, resolve));
        });
        let _ = JsFuture::from(promise).await;
        self.wait.borrow_mut().take();
    }
}

impl Following {
    /// Takes a porting that the buyer's own action (an update, a retry, a cancel) answered with.
    /// While polling, its answer is expected soon, so polling starts again from its shortest
    /// wait; a stream brings the change itself.
    pub fn own_answer(&self, porting: Porting) {
        if self.shared.polling.get() {
            *self.shared.seen.borrow_mut() = Some(porting);
            self.shared.wake();
        }
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        self.shared.stopped.set(true);
        self.shared.interrupt();
        if let (Some(listener), Some(document)) = (&self.on_visibility, document()) {
            let _ = document
                .remove_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Follows `porting` until it reaches a final status or the returned value is dropped: each
/// porting that differs from the last goes to `changed`; `session_ended` hears once that the
/// session no longer reads it (and nothing is tried again). Neither is called once dropped.
pub fn follow(
    api: Api,
    porting: Porting,
    changed: impl Fn(Porting) + 'static,
    session_ended: impl FnOnce() + 'static,
) -> Following {
    let shared = Rc::new(Shared::default());
    let on_visibility = document().map(|document| {
        let shared = shared.clone();
        let listener = Closure::<dyn FnMut()>::new(move || shared.interrupt());
        let _ =
            document.add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
        listener
    });
    let follower = Follower { shared: shared.clone(), api, last: porting, changed: Box::new(changed) };
    wasm_bindgen_futures::spawn_local(async move {
        let shared = follower.shared.clone();
        if follower.run().await && !shared.stopped.get() {
            session_ended();
        }
    });
    Following { shared, on_visibility }
}

struct Follower {
    shared: Rc<Shared>,
    api: Api,
    last: Porting,
    changed: Box<dyn Fn(Porting)>,
}

impl Follower {
    fn done(&self) -> bool {
        self.shared.stopped.get() || self.last.status.is_final()
    }

    /// Follows until done; true when it stopped because the session ended.
    async fn run(mut self) -> bool {
        let mut policy = Policy::default();
        let mut next = policy.start();
        let mut paused = false;
        while !self.done() {
            let jitter = js_sys::Math::random();
            if let Some(seen) = self.shared.seen.take() {
                self.last = seen;
                next = policy.after_poll(PollEnd::Answered { changed: true }, jitter);
                continue;
            }
            self.shared.polling.set(matches!(next, Next::Poll { .. }));
            if hidden() {
                paused = true;
                self.shared.wait(None).await;
                continue;
            }
            if std::mem::take(&mut paused) {
                // Shown again: where it stands now, then live again.
                match self.api.porting(&self.last.id).await {
                    Ok(porting) => {
                        self.take(porting);
                    }
                    Err(error) if failed_poll(&error) == PollEnd::SessionEnded => return true,
                    Err(_) => {}
                }
                next = policy.start();
                continue;
            }
            next = match next {
                Next::SessionEnded => return true,
                Next::Stream { after_ms } => {
                    if !self.pause(after_ms).await {
                        continue;
                    }
                    let end = self.stream(&mut policy).await;
                    if hidden() || self.done() {
                        continue;
                    }
                    policy.after_stream(end, jitter)
                }
                Next::Poll { after_ms } => {
                    if !self.pause(after_ms).await {
                        continue;
                    }
                    let end = match self.api.porting(&self.last.id).await {
                        Ok(porting) => PollEnd::Answered { changed: self.take(porting) },
                        Err(error) => failed_poll(&error),
                    };
                    policy.after_poll(end, jitter)
                }
            };
        }
        false
    }

    /// Waits `ms` before the next request; false when the wait was cut short (hidden, stopped,
    /// or the buyer's action brought news).
    async fn pause(&self, ms: u32) -> bool {
        if ms > 0 {
            self.shared.wait(Some(ms)).await;
        }
        !hidden() && !self.done() && self.shared.seen.borrow().is_none()
    }

    /// Takes a porting the proxy sent; true if it differs from the last. Nothing is passed on
    /// once stopped (an answer can land after the widget went).
    fn take(&mut self, porting: Porting) -> bool {
        if porting == self.last || self.shared.stopped.get() {
            return false;
        }
        self.last = porting.clone();
        (self.changed)(porting);
        true
    }

    /// Reads the event stream until it ends, falls silent, is cut short, or the porting is final.
    async fn stream(&mut self, policy: &mut Policy) -> StreamEnd {
        let Ok(request) = web_sys::AbortController::new() else {
            return StreamEnd::Failed { retry_after: None };
        };
        *self.shared.request.borrow_mut() = Some(request.clone());
        let started = now_ms();
        let response = match self.api.events(&self.last.id, &request.signal()).await {
            Ok(response) => response,
            Err(_) => return StreamEnd::Failed { retry_after: None },
        };
        if response.status() != 200 {
            return refused_stream(response.status(), retry_after_of(&response));
        }
        let Some(body) = response.body() else {
            return StreamEnd::Failed { retry_after: None };
        };
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let silence = Silence::new(&request);
        let mut events = EventReader::default();
        let mut changed = false;
        loop {
            silence.restart();
            // An abort (hidden, stopped, silent) or a broken connection ends the read like a close.
            let Ok(chunk) = JsFuture::from(reader.read()).await else { break };
            let done = js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool());
            if done != Some(false) {
                break;
            }
            let bytes = js_sys::Reflect::get(&chunk, &"value".into())
                .map(|value| value.unchecked_into::<js_sys::Uint8Array>().to_vec())
                .unwrap_or_default();
            let Ok(said) = events.feed(&bytes) else {
                request.abort();
                return StreamEnd::Failed { retry_after: None };
            };
            for said in said {
                match said {
                    Said::Retry(ms) => policy.server_retry(ms),
                    Said::Event { name, data } if name == "porting" => {
                        // Each event is the whole porting: one that does not parse is skipped.
                        if let Some(porting) = crate::api::json::parse::<Porting>(&data) {
                            changed |= self.take(porting);
                        }
                    }
                    Said::Event { .. } => {}
                }
            }
            if self.done() {
                request.abort();
                break;
            }
        }
        if silence.fell.get() {
            return StreamEnd::Failed { retry_after: None };
        }
        let lasted_ms = (now_ms() - started).clamp(0.0, f64::from(u32::MAX)) as u32;
        StreamEnd::Closed { changed, lasted_ms }
    }
}

/// Drops a stream that sends nothing for [`STREAM_SILENCE_MS`]: one timer, restarted before
/// each read and cleared when the stream ends.
struct Silence {
    fell: Rc<Cell<bool>>,
    timer: Cell<Option<i32>>,
    alarm: Closure<dyn Fn()>,
}

impl Silence {
    fn new(request: &web_sys::AbortController) -> Silence {
        let fell = Rc::new(Cell::new(false));
        let alarm = {
            let (fell, request) = (fell.clone(), request.clone());
            Closure::<dyn Fn()>::new(move || {
                fell.set(true);
                request.abort();
            })
        };
        Silence { fell, timer: Cell::new(None), alarm }
    }

    fn restart(&self) {
        let Some(window) = web_sys::window() else { return };
        if let Some(timer) = self.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        let callback = self.alarm.as_ref().unchecked_ref();
        let ms = i32::try_from(STREAM_SILENCE_MS).unwrap_or(i32::MAX);
        self.timer.set(window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms).ok());
    }
}

impl Drop for Silence {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}
