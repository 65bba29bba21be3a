//! `SCAN`, one page at a time: every key present for the whole walk comes at least once.

use super::{Connection, Failure};

/// A SCAN walk over the db, one page at a time.
pub struct Scan {
    cursor: u64,
    pattern: Option<String>,
    count: usize,
    done: bool,
}

impl Scan {
    /// A walk over keys matching `pattern` (a Redis glob; all keys when `None`), asking for
    /// about `count` keys a page.
    pub fn new(pattern: Option<&str>, count: usize) -> Scan {
        Scan {
            cursor: 0,
            pattern: pattern.map(str::to_string),
            count,
            done: false,
        }
    }

    /// The next page of keys (possibly empty), or `None` when the walk is complete.
    pub async fn next(&mut self, conn: &mut Connection) -> Result<Option<Vec<Vec<u8>>>, Failure> {
        if self.done {
            return Ok(None);
        }
        let mut cmd = redis::cmd("SCAN");
        cmd.arg(self.cursor);
        if let Some(p) = &self.pattern {
            cmd.arg("MATCH").arg(p);
        }
        cmd.arg("COUNT").arg(self.count);
        let (cursor, keys): (u64, Vec<Vec<u8>>) = conn.query(&cmd).await?;
        self.cursor = cursor;
        self.done = cursor == 0;
        Ok(Some(keys))
    }
}
