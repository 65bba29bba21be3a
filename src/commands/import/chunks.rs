//! The input of `import`, read in blocks of whole lines for both passes.
//!
//! Lines stay bytes until a worker checks them, so that a line that is not UTF-8 is one invalid
//! line (named, and skipped with `--skip-invalid`) rather than the end of the import, and so that
//! the reading thread only copies blocks: no allocation, no UTF-8 check per line.

use std::io::{self, Read};

/// Bytes read per block (a line longer than this makes its block longer). Large blocks mean few
/// reads: 64 KiB blocks cost twice the system time.
const BLOCK: usize = 1024 * 1024;

/// Whole lines of the input, and the number of the first.
pub struct Chunk {
    first: usize,
    data: Vec<u8>,
}

impl Chunk {
    /// What the chunk holds, as a BLAKE3 digest: the write pass checks that it reads the very
    /// bytes the validation pass read (a cryptographic hash, so that no rewrite of the file
    /// can be made to match).
    pub fn digest(&self) -> blake3::Hash {
        blake3::hash(&self.data)
    }

    /// The size of the chunk in the input, for progress.
    pub fn bytes(&self) -> u64 {
        self.data.len() as u64
    }

    /// The chunk's non-blank lines with their 1-based numbers, without the line break (`\n` or
    /// `\r\n`; a last line's trailing `\r` goes too). Blank means JSON whitespace only.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let data = &self.data[..];
        let ends = memchr::memchr_iter(b'\n', data).chain(
            // A last line without a line break.
            (!data.ends_with(b"\n") && !data.is_empty()).then_some(data.len()),
        );
        let mut start = 0;
        ends.enumerate()
            .map(move |(i, end)| {
                let line = &data[start..end];
                start = end + 1;
                (self.first + i, line.strip_suffix(b"\r").unwrap_or(line))
            })
            .filter(|(_, line)| !line.trim_ascii().is_empty())
    }
}

/// Blocks of whole lines from `input`.
pub struct Chunks<R> {
    input: R,
    /// The start of a line whose end has not been read yet.
    carry: Vec<u8>,
    /// The number of the next chunk's first line.
    next_line: usize,
}

impl<R: Read> Chunks<R> {
    pub fn new(input: R) -> Self {
        Chunks {
            input,
            carry: Vec::new(),
            next_line: 1,
        }
    }

    fn chunk(&mut self, data: Vec<u8>) -> Chunk {
        let first = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &data).count();
        Chunk { first, data }
    }
}

impl<R: Read> Iterator for Chunks<R> {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<io::Result<Chunk>> {
        let mut data = std::mem::take(&mut self.carry);
        loop {
            let before = data.len();
            data.reserve(BLOCK);
            match (&mut self.input).take(BLOCK as u64).read_to_end(&mut data) {
                Err(e) => return Some(Err(e)),
                // The end: what is left is a last line without a line break, if anything.
                Ok(0) => return (!data.is_empty()).then(|| Ok(self.chunk(data))),
                Ok(_) => {}
            }
            if let Some(end) = memchr::memrchr(b'\n', &data[before..]) {
                self.carry = data.split_off(before + end + 1);
                return Some(Ok(self.chunk(data)));
            }
            // No line ends in this block: the line goes on in the next one.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line comes out once, whole and numbered, wherever the block boundaries fall.
    #[test]
    fn lines_are_whole_and_numbered_across_blocks() {
        let long = "x".repeat(BLOCK + 10);
        let text = format!("a\r\n\n  \n{long}\nb\n{long}{long}\nlast");
        let lines: Vec<(usize, Vec<u8>)> = Chunks::new(text.as_bytes())
            .flat_map(|c| {
                let c = c.unwrap();
                c.lines().map(|(n, l)| (n, l.to_vec())).collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<(usize, Vec<u8>)> = vec![
            (1, b"a".to_vec()),
            (4, long.clone().into_bytes()),
            (5, b"b".to_vec()),
            (6, format!("{long}{long}").into_bytes()),
            (7, b"last".to_vec()),
        ];
        assert_eq!(lines, expected);
        assert_eq!(Chunks::new(&b""[..]).count(), 0);
        let bytes: u64 = Chunks::new(text.as_bytes())
            .map(|c| c.unwrap().bytes())
            .sum();
        assert_eq!(bytes, text.len() as u64);
    }
}
