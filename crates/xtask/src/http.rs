//! Just enough HTTP/1.1 for xtask to set up test data on a server it started on loopback: one
//! JSON `POST` per connection, its answer read to the end.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(header, _)| header.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// `POST`s `body` (JSON) to `path` at `addr`, with `Authorization: Bearer <session>` if given.
pub fn post(addr: SocketAddr, path: &str, session: Option<&str>, body: &str) -> Result<Answer, String> {
    let failed = |e: std::io::Error| format!("POST {path} on {addr}: {e}");
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(failed)?;
    stream.set_read_timeout(Some(TIMEOUT)).map_err(failed)?;
    stream.set_write_timeout(Some(TIMEOUT)).map_err(failed)?;
    let authorization =
        session.map(|session| format!("Authorization: Bearer {session}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n{authorization}\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).map_err(failed)?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw).map_err(failed)?;
    parse(&raw).map_err(|e| format!("POST {path} on {addr}: {e}"))
}

fn parse(raw: &str) -> Result<Answer, String> {
    let (head, body) = raw.split_once("\r\n\r\n").ok_or("the answer's headers do not end")?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or("the answer has no status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let answer = Answer { status, headers, body: body.to_owned() };
    // The proxy sends JSON with a length; a chunked body would need decoding.
    if answer.header("transfer-encoding").is_some() {
        return Err("the answer is chunked, which this client does not read".into());
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_read_with_its_headers_and_body() {
        let raw = "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\nPorting-Session: a.b.c\r\n\
                   content-length: 9\r\n\r\n{\"id\":42}";
        let answer = parse(raw).unwrap();
        assert_eq!((answer.status, answer.body.as_str()), (201, "{\"id\":42}"));
        assert_eq!(answer.header("porting-session"), Some("a.b.c"));
        assert_eq!(answer.header("Content-Type"), Some("application/json"));
        assert_eq!(answer.header("retry-after"), None);
    }

    #[test]
    fn broken_and_chunked_answers_are_errors() {
        assert!(parse("HTTP/1.1 200 OK\r\n").is_err());
        assert!(parse("\r\n\r\n").is_err());
        assert!(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n").is_err());
    }
}
