//! Where Chatsky keeps contexts in Redis, layout by layout, behind one small interface that every
//! command uses: exists, load, save, delete, count, clear, and the walk over a whole db.
//!
//! * [`legacy`]: dff 0.7, chatsky 0.8 and 0.9, one string key per context;
//! * [`walk`]: SCAN a db and tell contexts from other keys;
//! * [`schema`]: which legacy version a write targets.
//!
//! It talks to Redis through [`crate::connection`] and knows nothing of the command line or of
//! printing.

pub mod legacy;
pub mod schema;
pub mod walk;
