//! What the proxy's integration tests share: a clock they move, proxies and simulators on
//! loopback ports, sessions, a reader for event streams, Redis servers, webhook senders, and
//! waiting for a condition under a deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use porting_model::{CreatePorting, NewPorting, Porting, PortingFields};
use porting_proxy::clock::{Clock, ManualClock};
use porting_proxy::guard::session::{Claims, SessionKey};
use porting_proxy::server::{self, App, Backend, Settings};
use porting_proxy::shared::Redis;
use porting_proxy::simulator::{self, Simulator};
use porting_proxy::webhook;
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Checks `condition` until it holds, every few milliseconds, and fails the test naming `what`
/// if it still does not after `within`.
pub async fn wait_until(within: Duration, what: &str, mut condition: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !condition().await {
        assert!(Instant::now() < deadline, "waited {within:?} for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A clock that stands still until a test moves it, starting now.
pub fn manual_clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(OffsetDateTime::now_utc()))
}

/// A proxy on a loopback port; it stops when dropped.
pub struct Proxy {
    pub origin: String,
    pub base: String,
    pub sessions: SessionKey,
    pub clock: Arc<ManualClock>,
    pub simulator: Option<Arc<Simulator>>,
    /// Where its metrics are served, when they are on.
    pub metrics_origin: Option<String>,
    _shutdown: Vec<tokio::sync::oneshot::Sender<()>>,
}

/// Settings for a proxy with the embedded simulator, the test clock and default limits.
pub fn simulator_settings(clock: &Arc<ManualClock>) -> Settings {
    Settings::new(Backend::Simulator, SessionKey::random(), clock.clone())
}

/// A proxy with the embedded simulator and default settings, and that simulator.
pub async fn simulated() -> (Proxy, Arc<Simulator>) {
    let clock = manual_clock();
    let proxy = start(simulator_settings(&clock), clock).await;
    let sim = proxy.simulator.clone().unwrap();
    (proxy, sim)
}

/// The proxy's router in simulator mode, to ask in-process ([`ask`]).
pub fn simulated_router() -> axum::Router {
    server::build(simulator_settings(&manual_clock())).unwrap().router
}

/// `method` `uri` answered by `router` in-process, with no socket (for tests only about routing):
/// the status and the JSON body (`Value::Null` when the body is not JSON).
pub async fn ask(router: &axum::Router, method: &str, uri: &str) -> (u16, serde_json::Value) {
    use tower::ServiceExt;
    let request = axum::http::Request::builder().method(method).uri(uri).body(axum::body::Body::empty());
    let response = router.clone().oneshot(request.unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap_or_default())
}

/// Settings for a proxy in front of the Gigs at `base_url`.
pub fn upstream_settings(clock: &Arc<ManualClock>, base_url: &str, webhook_secret: Option<&str>) -> Settings {
    let backend = Backend::Upstream {
        base_url: base_url.into(),
        project: porting_proxy::SIMULATOR_PROJECT.into(),
        api_key: UPSTREAM_API_KEY.into(),
        webhook_secret: webhook_secret.map(|s| porting_proxy::webhook::WebhookSecret::new(s).unwrap()),
    };
    Settings::new(backend, SessionKey::random(), clock.clone())
}

/// The API key the upstream simulators of these tests accept.
pub const UPSTREAM_API_KEY: &str = "sk_live_upstream_key_never_shown";

pub async fn start(settings: Settings, clock: Arc<ManualClock>) -> Proxy {
    start_at("127.0.0.1:0", settings, clock).await
}

/// [`start`] listening at `address` (`[::]:0` for both IPv6 and IPv4), reached at 127.0.0.1.
pub async fn start_at(address: &str, settings: Settings, clock: Arc<ManualClock>) -> Proxy {
    let sessions = settings.sessions.clone();
    let prefix = settings.api_prefix.clone();
    let App { router, simulator, metrics, .. } = server::build(settings).unwrap();
    let (origin, shutdown) = listen_at(address, router).await;
    let mut proxy = Proxy {
        base: format!("{origin}{prefix}"),
        origin,
        sessions,
        clock,
        simulator,
        metrics_origin: None,
        _shutdown: vec![shutdown],
    };
    if metrics.is_on() {
        let (origin, shutdown) = listen(porting_proxy::metrics::router(metrics)).await;
        proxy.metrics_origin = Some(origin);
        proxy._shutdown.push(shutdown);
    }
    proxy
}

/// Serves `router` on a free loopback port until the sender is dropped.
pub async fn listen(router: axum::Router) -> (String, tokio::sync::oneshot::Sender<()>) {
    listen_at("127.0.0.1:0", router).await
}

/// [`listen`] at `address`; the origin is always on 127.0.0.1.
async fn listen_at(address: &str, router: axum::Router) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    let origin = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::serve(listener, router, async {
        let _ = rx.await;
    }));
    (origin, tx)
}

/// A simulated Gigs on its own port, as a real upstream would be.
pub struct Upstream {
    pub url: String,
    pub sim: Arc<Simulator>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn upstream(clock: &Arc<ManualClock>) -> Upstream {
    let sim = Arc::new(Simulator::new(porting_proxy::SIMULATOR_PROJECT, UPSTREAM_API_KEY, clock.clone()));
    let (url, shutdown) = listen(simulator::router(sim.clone())).await;
    Upstream { url, sim, _shutdown: shutdown }
}

impl Proxy {
    /// A session for `user` reaching `portings`, valid for an hour of the test clock.
    pub fn session(&self, user: &str, portings: &[&str]) -> String {
        self.session_for(user, portings, 3600)
    }

    /// A session for `user` reaching `portings`, expiring `secs` from now on the test clock.
    pub fn session_for(&self, user: &str, portings: &[&str], secs: i64) -> String {
        let now = self.clock.now().unix_timestamp();
        self.sessions.mint(&Claims {
            sub: user.into(),
            portings: portings.iter().map(|p| p.to_string()).collect(),
            provider: "p9".into(),
            exp: now + secs,
            iat: Some(now),
            nbf: None,
            aud: None,
            iss: None,
        })
    }

    /// [`call`] under this proxy's API prefix.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        session: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
        call(&self.base, method, path, session, body).await
    }

    pub fn get(&self, path: &str, session: Option<&str>) -> reqwest::RequestBuilder {
        let request = reqwest::Client::new().get(format!("{}{path}", self.base));
        match session {
            Some(session) => request.bearer_auth(session),
            None => request,
        }
    }
}

/// A draft porting of `user` in `sim`.
pub fn draft_of(sim: &Simulator, user: &str) -> Porting {
    sim.create(CreatePorting {
        user: user.into(),
        provider: "p9".into(),
        porting: NewPorting {
            phone_number: "+12015550123".into(),
            fields: PortingFields { donor_provider: Some("svp_us_att".into()), ..Default::default() },
        },
    })
    .unwrap()
}

/// A porting of `user` in `sim`, activated so it waits for information.
pub fn porting_of(sim: &Simulator, user: &str) -> Porting {
    sim.activate(&draft_of(sim, user).id).unwrap()
}

/// Reads a `text/event-stream` body event by event.
pub struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    pub fn new(response: reqwest::Response) -> Events {
        Events { response, buffer: String::new() }
    }

    /// The next block (lines up to a blank line), waiting at most `within`.
    pub async fn next_block(&mut self, within: Duration) -> Option<String> {
        tokio::time::timeout(within, async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let block = self.buffer[..end].to_owned();
                    self.buffer.drain(..end + 2);
                    return Some(block);
                }
                let chunk = self.response.chunk().await.ok()??;
                self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
            }
        })
        .await
        .ok()
        .flatten()
    }

    /// The next `porting` event's porting, skipping heartbeats.
    pub async fn next_porting(&mut self, within: Duration) -> Option<Porting> {
        loop {
            let block = self.next_block(within).await?;
            if block.lines().any(|line| line == "event: porting") {
                let data = block.lines().find_map(|line| line.strip_prefix("data: "))?;
                return Some(serde_json::from_str(data).unwrap());
            }
        }
    }
}

/// Everything the test binary logs from the first call on, at every level, read back as text.
/// It is the process-wide subscriber: with a scoped one, call sites first reached on other
/// threads would be cached as unheard. Install it before anything logs.
pub fn captured_logs() -> &'static CapturedLogs {
    static LOGS: std::sync::OnceLock<CapturedLogs> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = CapturedLogs::default();
        let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_ansi(false);
        subscriber.with_writer(logs.clone()).init();
        logs
    })
}

#[derive(Clone, Default)]
pub struct CapturedLogs(Arc<std::sync::Mutex<Vec<u8>>>);

impl CapturedLogs {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLogs {
    type Writer = CapturedLogs;

    fn make_writer(&'a self) -> CapturedLogs {
        self.clone()
    }
}

/// What the fake upstream does with each connection.
#[derive(Clone, Copy)]
pub enum Misbehaviour {
    /// Reads the request and never answers.
    Silent,
    /// Answers with these bytes.
    Says(&'static str),
    /// Answers with these bytes after a while.
    SaysLate(Duration, &'static str),
    /// Starts a chunked body and sends chunks until the peer goes.
    Endless,
}

/// A loopback server behaving as told; returns its base URL.
pub async fn fake_upstream(misbehaviour: Misbehaviour) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                match misbehaviour {
                    Misbehaviour::Silent => tokio::time::sleep(Duration::from_secs(30)).await,
                    Misbehaviour::Says(answer) => {
                        let _ = socket.write_all(answer.as_bytes()).await;
                    }
                    Misbehaviour::SaysLate(after, answer) => {
                        tokio::time::sleep(after).await;
                        let _ = socket.write_all(answer.as_bytes()).await;
                    }
                    Misbehaviour::Endless => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                        let _ = socket.write_all(head.as_bytes()).await;
                        let chunk = format!("4000\r\n{}\r\n", "[".repeat(0x4000));
                        while socket.write_all(chunk.as_bytes()).await.is_ok() {}
                    }
                }
            });
        }
    });
    url
}

/// A port nothing listens on.
pub async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// An HTTP/1.1 answer with a JSON body, for [`Misbehaviour::Says`].
pub fn answer(status: &str, body: &str) -> &'static str {
    answer_with(status, "", body)
}

/// [`answer`] with more header lines, each ending in `\r\n`.
pub fn answer_with(status: &str, headers: &str, body: &str) -> &'static str {
    let text = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    Box::leak(text.into_boxed_str())
}

/// Sends `method` to `base` + `path` with `session` and a JSON `body`: the status, headers and
/// JSON answer.
pub async fn call(
    base: &str,
    method: reqwest::Method,
    path: &str,
    session: &str,
    body: Option<serde_json::Value>,
) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
    let mut request = reqwest::Client::new().request(method, format!("{base}{path}")).bearer_auth(session);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.json().await.unwrap())
}

/// A `redis-server` of its own on a free port, stopped when dropped.
pub struct RedisServer {
    pub port: u16,
    child: std::process::Child,
    /// With TLS: the folder of its certificate files, and the authority that signed its own.
    tls: Option<(std::path::PathBuf, String)>,
}

impl RedisServer {
    pub async fn start_on(port: u16) -> RedisServer {
        RedisServer::spawn(port, &["--port", &port.to_string()], None).await
    }

    pub async fn start() -> RedisServer {
        RedisServer::start_on(free_port()).await
    }

    /// One that takes TLS connections only, with a certificate for 127.0.0.1 signed by a
    /// certificate authority made here, as a private one would.
    pub async fn start_tls() -> RedisServer {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("porting-proxy-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut authority = rcgen::CertificateParams::new(Vec::new()).unwrap();
        authority.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let authority_key = rcgen::KeyPair::generate().unwrap();
        let authority = rcgen::CertifiedIssuer::self_signed(authority, authority_key).unwrap();
        let server_key = rcgen::KeyPair::generate().unwrap();
        let server = rcgen::CertificateParams::new(vec!["127.0.0.1".into()]).unwrap();
        let server = server.signed_by(&server_key, &authority).unwrap();
        let file = |name: &str, text: String| {
            std::fs::write(dir.join(name), text).unwrap();
            dir.join(name).to_str().unwrap().to_owned()
        };
        let (cert, key) = (file("server.pem", server.pem()), file("server.key", server_key.serialize_pem()));
        let ca = file("ca.pem", authority.pem());
        let tls = ["--port", "0", "--tls-port", &port.to_string(), "--tls-auth-clients", "no"];
        let files = ["--tls-cert-file", &cert, "--tls-key-file", &key, "--tls-ca-cert-file", &ca];
        RedisServer::spawn(port, &[&tls[..], &files[..]].concat(), Some((dir, authority.pem()))).await
    }

    async fn spawn(port: u16, args: &[&str], tls: Option<(std::path::PathBuf, String)>) -> RedisServer {
        let program = std::env::var_os("REDIS_SERVER").unwrap_or_else(|| "/usr/bin/redis-server".into());
        let child = std::process::Command::new(&program)
            .args(args)
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {program:?} ({e}): run the tests through `cargo xtask test`")
            });
        let server = RedisServer { port, child, tls };
        let listening = async || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
        wait_until(Duration::from_secs(5), "redis-server to listen", listening).await;
        server
    }

    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "rediss" } else { "redis" };
        format!("{scheme}://127.0.0.1:{}/", self.port)
    }

    /// A client of this server, trusting the authority that signed its certificate (with TLS).
    pub fn client(&self) -> Arc<Redis> {
        let authority = self.tls.as_ref().map(|(_, authority)| authority.clone().into_bytes());
        Redis::new(&self.url(), authority).unwrap()
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
        if let Some((dir, _)) = &self.tls {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Signs and posts webhook deliveries to a proxy, as Gigs does.
pub struct Hooks {
    pub client: reqwest::Client,
    pub url: String,
    pub secret: webhook::WebhookSecret,
    pub clock: Arc<ManualClock>,
}

impl Hooks {
    pub fn new(proxy: &Proxy, secret: &str) -> Hooks {
        Hooks {
            client: reqwest::Client::new(),
            url: format!("{}/webhooks/gigs", proxy.origin),
            secret: webhook::WebhookSecret::new(secret).unwrap(),
            clock: proxy.clock.clone(),
        }
    }

    /// Posts `porting` as event `id`, signed at `signed_at` (Unix seconds) with `secret`.
    pub async fn post(
        &self,
        id: &str,
        porting: &Porting,
        signed_at: i64,
        secret: &webhook::WebhookSecret,
    ) -> reqwest::StatusCode {
        let event =
            webhook::Event::porting_updated(id.into(), "2026-01-01T00:00:00Z".into(), porting.clone());
        let body = serde_json::to_vec(&event).unwrap();
        self.client
            .post(&self.url)
            .header(webhook::ID_HEADER, id)
            .header(webhook::TIMESTAMP_HEADER, signed_at.to_string())
            .header(webhook::SIGNATURE_HEADER, secret.sign(id, signed_at, &body))
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
    }

    pub async fn deliver(&self, id: &str, porting: &Porting) -> reqwest::StatusCode {
        self.post(id, porting, self.clock.now().unix_timestamp(), &self.secret).await
    }
}
