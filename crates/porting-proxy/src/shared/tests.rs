use super::relay::OUTBOX_CAPACITY;
use super::*;
use crate::clock::SystemClock;
use crate::metrics::Metrics;
use crate::simulator::Simulator;
use porting_model::{CreatePorting, NewPorting};

#[tokio::test(flavor = "current_thread")]
async fn changes_beyond_the_outbox_are_dropped_without_waiting() {
    let sim = Simulator::new("proj", "key", Arc::new(SystemClock));
    let new = NewPorting { phone_number: "+12015550123".into(), fields: Default::default() };
    let create = CreatePorting { user: "usr_a".into(), provider: "p9".into(), porting: new };
    let porting = sim.create(create).unwrap();
    let redis = Redis::new("redis://127.0.0.1:1/", None).unwrap();
    let metrics = Metrics::on();
    let counted = metrics.clone();
    redis.on_dropped_change(move || counted.change_dropped());
    let logs = Logs::default();
    let _logging = tracing::subscriber::set_default(
        tracing_subscriber::fmt().with_writer(logs.clone()).with_ansi(false).finish(),
    );
    // The sending task cannot run before this yields: the outbox only fills.
    for _ in 0..OUTBOX_CAPACITY + 10 {
        redis.publish(porting.clone());
    }
    assert_eq!(redis.outbox.get().unwrap().capacity(), 0, "full, and no more than full");
    assert!(
        metrics.render().contains("porting_proxy_redis_changes_dropped_total 10"),
        "{}",
        metrics.render()
    );
    assert_eq!(logs.text().matches("dropping the newest").count(), 1, "once while it stays full");
}

#[test]
fn an_unusable_url_is_refused_without_quoting_it() {
    for url in ["http://:s3cr3t@10.0.0.5/", "redis://:s3cr3t@10.0.0.5:6379/x", "redis://:s3cr3t@0.0.0.0/"] {
        let error = Redis::new(url, None).err().expect("refused");
        assert!(!error.contains("s3cr3t"), "{url}: {error}");
    }
}

/// Log lines written by a test's subscriber.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&lock(&self.0)).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        lock(&self.0).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;

    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}
