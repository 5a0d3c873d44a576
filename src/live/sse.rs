//! Server-Sent Events read from bytes as they arrive (the `text/event-stream` format of the HTML
//! standard), so the stream can be read with `fetch` and the session stays in a header.

/// One thing the stream said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    Event {
        name: String,
        data: String,
    },
    /// The server's reconnection delay, in milliseconds.
    Retry(u32),
}

/// The longest line kept: a porting is a few kilobytes, so a longer line is a broken stream.
pub const MAX_LINE: usize = 64 * 1024;
/// The most data one event may gather over its lines.
pub const MAX_EVENT: usize = 4 * MAX_LINE;

/// A line ran past [`MAX_LINE`] without ending, or an event past [`MAX_EVENT`].
#[derive(Debug, PartialEq, Eq)]
pub struct Overlong;

/// The event being read, and the part of a line that has not ended yet.
#[derive(Default)]
pub struct EventReader {
    line: Vec<u8>,
    name: String,
    data: String,
    has_data: bool,
    /// The last line ended with CR, so an LF next is the rest of that CRLF.
    after_cr: bool,
}

impl EventReader {
    /// Reads `chunk`, answering with what it completed. Comments (heartbeats) say nothing.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<Said>, Overlong> {
        let mut said = Vec::new();
        for &byte in chunk {
            // A line ends with CRLF, LF or CR alone, as the standard says.
            if std::mem::take(&mut self.after_cr) && byte == b'\n' {
                continue;
            }
            if byte != b'\n' && byte != b'\r' {
                if self.line.len() == MAX_LINE {
                    return Err(Overlong);
                }
                self.line.push(byte);
                continue;
            }
            self.after_cr = byte == b'\r';
            let line = std::mem::take(&mut self.line);
            said.extend(self.line_ended(&String::from_utf8_lossy(&line)));
            if self.data.len() > MAX_EVENT {
                return Err(Overlong);
            }
        }
        Ok(said)
    }

    fn line_ended(&mut self, line: &str) -> Option<Said> {
        if line.is_empty() {
            let name = std::mem::take(&mut self.name);
            let mut data = std::mem::take(&mut self.data);
            if !std::mem::take(&mut self.has_data) {
                return None;
            }
            data.pop();
            let name = if name.is_empty() { "message".to_owned() } else { name };
            return Some(Said::Event { name, data });
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => self.name = value.to_owned(),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "retry" => return value.parse().ok().map(Said::Retry),
            // A comment (`:heartbeat`), `id` and unknown fields change nothing here.
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str, data: &str) -> Said {
        Said::Event { name: name.into(), data: data.into() }
    }

    #[test]
    fn events_complete_at_a_blank_line_whatever_the_chunks() {
        let stream =
            b": heartbeat\n\nevent: porting\ndata: {\"a\":1}\n\nretry: 2500\ndata: one\r\ndata:two\r\n\r\n";
        let expected = vec![event("porting", "{\"a\":1}"), Said::Retry(2500), event("message", "one\ntwo")];
        let mut whole = EventReader::default();
        assert_eq!(whole.feed(stream).unwrap(), expected);
        let mut bytewise = EventReader::default();
        let said: Vec<Said> = stream.iter().flat_map(|b| bytewise.feed(&[*b]).unwrap()).collect();
        assert_eq!(said, expected);
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_too() {
        let stream = b"event: porting\rdata: {}\r\rdata: a\r\n\r\n";
        let expected = vec![event("porting", "{}"), event("message", "a")];
        assert_eq!(EventReader::default().feed(stream).unwrap(), expected);
        let mut bytewise = EventReader::default();
        let said: Vec<Said> = stream.iter().flat_map(|b| bytewise.feed(&[*b]).unwrap()).collect();
        assert_eq!(said, expected, "a CRLF split between chunks is one line end");
    }

    #[test]
    fn heartbeats_unfinished_events_and_bad_retries_say_nothing() {
        let mut reader = EventReader::default();
        assert_eq!(reader.feed(b":heartbeat\n\nevent: porting\n\nretry: soon\nid: 7\n\n").unwrap(), []);
        assert_eq!(reader.feed(b"data: half").unwrap(), []);
        assert_eq!(reader.feed(b"\n\n").unwrap(), [event("message", "half")]);
    }

    #[test]
    fn a_line_without_end_is_bounded() {
        let mut reader = EventReader::default();
        assert_eq!(reader.feed(&vec![b'a'; MAX_LINE]).unwrap(), []);
        assert_eq!(reader.feed(b"a"), Err(Overlong));
    }

    #[test]
    fn an_event_without_end_is_bounded() {
        let mut reader = EventReader::default();
        let line = [b"data: ".as_slice(), &vec![b'a'; MAX_LINE - 10], b"\n"].concat();
        let lines = MAX_EVENT / line.len();
        for _ in 0..lines {
            assert_eq!(reader.feed(&line).unwrap(), []);
        }
        assert_eq!(reader.feed(&line), Err(Overlong));
    }
}
