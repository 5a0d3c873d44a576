//! The real proxy under test, in simulator mode, serving a private copy of the built widget on a
//! free loopback port: with a request log around it, the merchant's part (minting sessions,
//! writing pages, creating the subscription) and a crash and restart that keep its state.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use porting_model::{CreatePorting, NewPorting, Porting, PortingFields};
use porting_proxy::clock::{Clock, SystemClock};
use porting_proxy::guard::limits::Limits;
use porting_proxy::guard::rate::Rate;
use porting_proxy::guard::session::{Claims, SessionKey};
use porting_proxy::metrics::Metrics;
use porting_proxy::server::{self, Backend, Settings};
use porting_proxy::simulator::{Page, PortingFilter, Simulator};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::request_log::RequestLog;

/// The recipient network of every buyer here: the simulator's US network.
pub const NETWORK: &str = "p9";

const ROOMY: Rate = Rate { per_minute: 6_000, burst: 1_000 };

/// How long the sessions minted here last: longer than any test, as short as a merchant's.
const SESSION_SECS: i64 = 3600;

pub struct Proxy {
    pub url: String,
    pub sessions: SessionKey,
    /// The Gigs behind the proxy, for the merchant's part and to read what a journey left.
    pub simulator: Arc<Simulator>,
    pub requests: RequestLog,
    /// The proxy's own metrics: the server's count of open streams, whatever a browser says.
    pub metrics: Metrics,
    address: SocketAddr,
    /// Kept to serve again after a crash: the same simulator, sessions and log.
    router: Router,
    site: PathBuf,
    serving: Option<Serving>,
}

/// The proxy listening, until told to shut down (when dropped) or aborted (a crash).
struct Serving {
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Serving {
    fn start(listener: TcpListener, router: Router) -> Serving {
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, router, async {
            let _ = stopped.await;
        }));
        Serving { shutdown, task }
    }
}

impl Proxy {
    /// A proxy serving `site`, whose widget API also answers pages of `allowed_origin` (CORS).
    pub(crate) async fn start(site: PathBuf, allowed_origin: &str) -> Proxy {
        let sessions = SessionKey::random();
        let metrics = Metrics::on();
        let app = server::build(Settings {
            static_dir: Some(site.clone()),
            metrics: metrics.clone(),
            allowed_origins: vec![allowed_origin.parse().expect("an origin")],
            // Room for a page that mounts a hundred widgets; the limits have tests of their own.
            limits: Limits { ip: ROOMY, session: ROOMY, ..Limits::default() },
            ..Settings::new(Backend::Simulator, sessions.clone(), Arc::new(SystemClock))
        })
        .expect("the proxy builds");
        let requests = RequestLog::default();
        let router = requests.around(app.router);
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free loopback port");
        let address = listener.local_addr().unwrap();
        Proxy {
            url: format!("http://{address}"),
            sessions,
            simulator: app.simulator.expect("simulator mode"),
            requests,
            metrics,
            address,
            serving: Some(Serving::start(listener, router.clone())),
            router,
            site,
        }
    }

    /// Ends the proxy at once, as a crash would: the listener and every open connection close,
    /// with requests still in flight unanswered; the simulator keeps its portings.
    pub async fn crash(&mut self) {
        let serving = self.serving.take().expect("the proxy is running");
        serving.task.abort();
        assert!(serving.task.await.unwrap_err().is_cancelled(), "the server ended by the abort");
    }

    /// Listens again on the same port, with the same state, after [`Proxy::crash`].
    pub async fn restart(&mut self) {
        assert!(self.serving.is_none(), "the proxy is still running");
        let listener = TcpListener::bind(self.address).await.expect("the proxy's port is free again");
        self.serving = Some(Serving::start(listener, self.router.clone()));
    }

    /// Writes a page into the served site: the built `index.html` with the widget's host element
    /// given `attributes` instead of the demo's.
    pub fn page(&self, name: &str, attributes: &str) -> String {
        let index = std::fs::read_to_string(self.site.join("index.html")).expect("index.html");
        let start = index.find("<div data-porting-widget").expect("the host element");
        let end = start + index[start..].find('>').expect("the host element ends");
        let page = format!("{}<div data-porting-widget {attributes}{}", &index[..start], &index[end..]);
        std::fs::write(self.site.join(name), page).expect("the page is written");
        format!("{}/{name}", self.url)
    }

    /// Serves the host page `page` of `crates/e2e/hosts/` and the files it loads (`also`, from
    /// there or, once built, from `PORTING_E2E_BUILT_HOSTS`) from the proxy's origin, with
    /// `{{session}}` in them made `session`; the page's URL.
    pub fn host_page(&self, page: &str, also: &[&str], session: &str) -> String {
        let hosts = Path::new(env!("CARGO_MANIFEST_DIR")).join("hosts");
        let built = std::env::var_os("PORTING_E2E_BUILT_HOSTS").map(PathBuf::from).unwrap_or_default();
        for name in std::iter::once(&page).chain(also) {
            let source = [hosts.join(name), built.join(name)].into_iter().find(|path| path.exists());
            let source = source
                .unwrap_or_else(|| panic!("{name} is neither in hosts/ nor built: run `cargo xtask test`"));
            let text =
                std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
            std::fs::write(self.site.join(name), text.replace("{{session}}", session))
                .expect("the file is written");
        }
        format!("{}/{page}", self.url)
    }

    /// The merchant's page for `porting`, as the README tells a merchant to write it: its server
    /// fetches the widget's first state from the proxy with the buyer's session and puts it
    /// inside `<porting-widget>`; the page loads the widget's stylesheet and its entry point.
    pub async fn prerendered_page(&self, name: &str, porting: &Porting) -> String {
        let session = self.session(&porting.user, &[&porting.id]);
        let view = format!("/api/portings/{}/view?lang=en&locale=en-US&tz=0", porting.id);
        let html = self.fetch(&view, &session).await;
        self.entry_page(name, &session, porting, &html)
    }

    /// The merchant's page for `porting` with an empty `<porting-widget>`, whose first state the
    /// entry point fetches.
    pub fn fetching_page(&self, name: &str, porting: &Porting) -> String {
        let session = self.session(&porting.user, &[&porting.id]);
        self.entry_page(name, &session, porting, "")
    }

    /// Writes a page loading the widget's stylesheet and entry point, with `inside` in its
    /// `<porting-widget>` for `porting`; the page's URL.
    fn entry_page(&self, name: &str, session: &str, porting: &Porting, inside: &str) -> String {
        let script = format!("{name}.js");
        std::fs::write(
            self.site.join(&script),
            "import start from \"/embed/porting-widget.js\";\nstart();\n",
        )
        .expect("the page's script is written");
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Checkout</title>\n\
             <link rel=\"stylesheet\" href=\"/embed/porting-widget.css\">\n</head>\n<body>\n<main>\n<h1>Checkout</h1>\n\
             <porting-widget proxy-base=\"/api\" session=\"{session}\" porting-id=\"{}\">{inside}</porting-widget>\n\
             </main>\n<script type=\"module\" src=\"/{script}\"></script>\n</body>\n</html>\n",
            porting.id
        );
        std::fs::write(self.site.join(name), page).expect("the page is written");
        format!("{}/{name}", self.url)
    }

    /// The body of `GET path` from the proxy with `session`, as a merchant's server asks it.
    pub async fn fetch(&self, path: &str, session: &str) -> String {
        use hyper_util::rt::TokioExecutor;
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http();
        let request = axum::http::Request::get(format!("{}{path}", self.url))
            .header("authorization", format!("Bearer {session}"))
            .body(axum::body::Body::empty())
            .expect("a request");
        let response = client.request(request).await.expect("the proxy answers");
        assert!(response.status().is_success(), "GET {path}: {}", response.status());
        let body = axum::body::to_bytes(axum::body::Body::new(response.into_body()), 1 << 20).await.unwrap();
        String::from_utf8(body.to_vec()).expect("UTF-8 HTML")
    }

    /// A session for `user` on the US network allowing `portings`, as the merchant's backend
    /// mints it.
    pub fn session(&self, user: &str, portings: &[&str]) -> String {
        self.session_lasting(user, portings, SESSION_SECS)
    }

    /// A session as [`Proxy::session`] that expires after `secs`.
    pub fn session_lasting(&self, user: &str, portings: &[&str], secs: i64) -> String {
        self.sessions.mint(&Claims {
            sub: user.into(),
            portings: portings.iter().map(|id| (*id).to_owned()).collect(),
            provider: NETWORK.into(),
            exp: SystemClock.now().unix_timestamp() + secs,
            iat: None,
            nbf: None,
            aud: None,
            iss: None,
        })
    }

    /// The merchant's checkout page for a new buyer `user`, who has no porting yet: the widget
    /// starts with the create step.
    pub fn create_step_page(&self, name: &str, user: &str) -> String {
        let session = self.session(user, &[]);
        self.page(name, &format!(r#"data-proxy-base="/api" data-session="{session}""#))
    }

    /// A page showing `porting` to its buyer.
    pub fn porting_page(&self, name: &str, porting: &Porting) -> String {
        self.porting_page_with(name, porting, &self.session(&porting.user, &[&porting.id]))
    }

    /// A page showing `porting` with `snapshot` handed in as its first state (`data-porting`),
    /// HTML-escaped as a merchant's template writes it.
    pub fn snapshot_page(&self, name: &str, porting: &Porting, snapshot: &str) -> String {
        let session = self.session(&porting.user, &[&porting.id]);
        let json = snapshot.replace('&', "&amp;").replace('"', "&quot;");
        let attributes = format!(
            r#"data-proxy-base="/api" data-session="{session}" data-porting-id="{}" data-porting="{json}""#,
            porting.id
        );
        self.page(name, &attributes)
    }

    /// A page showing `porting` with `session`.
    pub fn porting_page_with(&self, name: &str, porting: &Porting, session: &str) -> String {
        let attributes =
            format!(r#"data-proxy-base="/api" data-session="{session}" data-porting-id="{}""#, porting.id);
        self.page(name, &attributes)
    }

    /// A porting of `phone_number` from `donor` for `user`, with the subscription created: it
    /// waits for what the donor needs (as the simulator's other portings, created by the
    /// merchant rather than through the widget).
    pub fn waiting_porting(&self, user: &str, phone_number: &str, donor: &str) -> Porting {
        self.waiting_porting_on(NETWORK, user, phone_number, donor)
    }

    /// A porting as [`Proxy::waiting_porting`] to the recipient network `network`.
    pub fn waiting_porting_on(&self, network: &str, user: &str, phone_number: &str, donor: &str) -> Porting {
        let draft = self.draft_porting(network, user, phone_number, donor);
        self.subscribe(&draft.id)
    }

    /// A draft porting of `phone_number` from `donor` for `user` to `network`, as the merchant's
    /// checkout creates it before the order.
    pub fn draft_porting(&self, network: &str, user: &str, phone_number: &str, donor: &str) -> Porting {
        self.simulator
            .create(CreatePorting {
                user: user.into(),
                provider: network.into(),
                porting: NewPorting {
                    phone_number: phone_number.into(),
                    fields: PortingFields { donor_provider: Some(donor.into()), ..Default::default() },
                },
            })
            .expect("the simulator creates the porting")
    }

    /// What the merchant's checkout does with a draft porting through Gigs: creates the
    /// subscription with it, so the porting leaves `draft`.
    pub fn subscribe(&self, id: &str) -> Porting {
        self.simulator.activate(id).expect("the draft is activated")
    }

    /// The newest porting of `user`, as the simulator holds it now.
    pub fn porting_of(&self, user: &str) -> Option<Porting> {
        let all = self.simulator.list(&PortingFilter::default(), &Page { limit: 200, ..Page::default() });
        all.expect("the simulator lists its portings").items.into_iter().find(|p| p.user == user)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(serving) = self.serving.take() {
            let _ = serving.shutdown.send(());
        }
        let _ = std::fs::remove_dir_all(&self.site);
    }
}
