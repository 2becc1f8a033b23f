//! The speaking order: who shares when. `order` (a round, seat by seat or by raised hands) and
//! `fair_time` are pure functions over plain data; `round` keeps the seating and the round in the
//! store and ties it to the share timer, so "Next" stops one share and starts the next.

pub mod fair_time;
pub mod order;
pub mod round;
