//! The cache file's frame: a fixed start (magic, format, header length and checksum), a header
//! encoded by bitcode (the key and the list of sections with their lengths and CRC-32s), then
//! the sections end to end, each one bitcode value. Only these 24 bytes are laid out by hand;
//! everything inside is the encoding crate's.
//!
//! Reading is bounded (the file, the header) and checked (magic, format, lengths adding up to
//! the file's size, every section's checksum before it is decoded), so a file cut short or
//! damaged anywhere is refused with a reason, never decoded into a wrong library.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

pub const MAGIC: &[u8; 8] = b"ATLCACHE";
const START: usize = 8 + 4 + 8 + 4;
/// A header is the key (a path and a stamp per source file): far below this even for a
/// hundred thousand files.
const MAX_HEADER_BYTES: u64 = 256 * 1024 * 1024;

/// What a section holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub enum Kind {
    Files,
    Docs,
    Classes,
    Search,
}

#[derive(Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct SectionInfo {
    pub kind: Kind,
    pub len: u64,
    pub crc: u32,
}

/// The header: the key the file was written under, and its sections in file order.
#[derive(Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Header<K> {
    pub key: K,
    pub sections: Vec<SectionInfo>,
}

/// One section of an open cache file: where it lies and what its bytes must sum to.
#[derive(Clone, Debug)]
pub struct Section {
    pub kind: Kind,
    pub offset: u64,
    pub len: u64,
    pub crc: u32,
}

/// The whole file's bytes: the start, the header, the sections.
pub fn assemble<K: bitcode::Encode + Clone>(key: &K, sections: &[(Kind, Vec<u8>)]) -> Vec<u8> {
    let header = Header {
        key: key.clone(),
        sections: sections
            .iter()
            .map(|(kind, bytes)| SectionInfo {
                kind: *kind,
                len: bytes.len() as u64,
                crc: crc32fast::hash(bytes),
            })
            .collect(),
    };
    let header = bitcode::encode(&header);
    let total = START + header.len() + sections.iter().map(|(_, b)| b.len()).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&super::FORMAT.to_le_bytes());
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&header).to_le_bytes());
    out.extend_from_slice(&header);
    for (_, bytes) in sections {
        out.extend_from_slice(bytes);
    }
    out
}

/// Why a cache file was not used.
#[derive(Debug, PartialEq)]
pub enum Refused {
    Missing,
    /// Cut short, damaged, or not a cache file: the reason.
    Damaged(String),
    /// Another format of the cache (another version of the program).
    OtherFormat(u32),
    Io(String),
}

fn damaged(why: impl Into<String>) -> Refused {
    Refused::Damaged(why.into())
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// An open cache file whose frame and header have been checked.
pub struct Opened<K> {
    pub file: File,
    pub key: K,
    pub sections: Vec<Section>,
}

/// Opens `path` (a regular file of at most `limit` bytes) and checks its frame and header.
pub fn open<K: for<'a> bitcode::Decode<'a>>(path: &Path, limit: u64) -> Result<Opened<K>, Refused> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => return Err(Refused::Io(e.to_string())),
    };
    let meta = file.metadata().map_err(|e| Refused::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(damaged("not a regular file"));
    }
    let size = meta.len();
    if size > limit {
        return Err(damaged(format!(
            "{size} bytes, over the {limit}-byte bound"
        )));
    }
    let mut start = [0u8; START];
    file.read_exact(&mut start)
        .map_err(|_| damaged("cut short before its header"))?;
    if &start[..8] != MAGIC {
        return Err(damaged("not a library cache file"));
    }
    let format = u32_at(&start, 8);
    if format != super::FORMAT {
        return Err(Refused::OtherFormat(format));
    }
    let header_len = u64_at(&start, 12);
    let header_crc = u32_at(&start, 20);
    if header_len > MAX_HEADER_BYTES || header_len > size - START as u64 {
        return Err(damaged("cut short in its header"));
    }
    let mut header = vec![0u8; usize::try_from(header_len).map_err(|_| damaged("header"))?];
    file.read_exact(&mut header)
        .map_err(|_| damaged("cut short in its header"))?;
    if crc32fast::hash(&header) != header_crc {
        return Err(damaged("header checksum does not match"));
    }
    let header: Header<K> =
        bitcode::decode(&header).map_err(|_| damaged("header does not decode"))?;
    let mut offset = START as u64 + header_len;
    let mut sections = Vec::with_capacity(header.sections.len());
    for s in header.sections {
        sections.push(Section {
            kind: s.kind,
            offset,
            len: s.len,
            crc: s.crc,
        });
        offset = offset
            .checked_add(s.len)
            .ok_or_else(|| damaged("section lengths overflow"))?;
    }
    if offset != size {
        return Err(damaged(format!(
            "{size} bytes where its sections make {offset} (cut short or grown)"
        )));
    }
    Ok(Opened {
        file,
        key: header.key,
        sections,
    })
}

/// Reads one section, checked against its CRC. Threads share the file through the lock, each
/// holding it only for its seek and read, so one section is read while another decodes.
pub fn read_section(file: &Mutex<&File>, s: &Section) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::new();
    read_section_into(file, s, &mut bytes)?;
    Ok(bytes)
}

/// [`read_section`] into `bytes` (cleared first), so one buffer serves section after section
/// instead of each section's hundreds of fresh pages.
pub fn read_section_into(
    file: &Mutex<&File>,
    s: &Section,
    bytes: &mut Vec<u8>,
) -> Result<(), Refused> {
    let len = usize::try_from(s.len).map_err(|_| damaged("section too large"))?;
    bytes.clear();
    bytes
        .try_reserve_exact(len)
        .map_err(|_| damaged("section too large"))?;
    {
        // The guard is held to the end of this block: the seek and the read are one step.
        let guard = file.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file: &File = &guard;
        file.seek(SeekFrom::Start(s.offset))
            .map_err(|e| Refused::Io(e.to_string()))?;
        file.take(s.len)
            .read_to_end(bytes)
            .map_err(|e| Refused::Io(e.to_string()))?;
    }
    if bytes.len() != len {
        return Err(damaged("cut short in a section"));
    }
    if crc32fast::hash(bytes) != s.crc {
        return Err(damaged("a section's checksum does not match"));
    }
    Ok(())
}
