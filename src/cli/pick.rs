//! The benchmarks' own small random picks (xorshift64*): the sample of keystroke queries and
//! the generated half of the relevance set depend only on the seed, and stay the same whatever
//! the demo's generator does (the checked-in set was made with it).

pub(super) struct Pick(pub(super) u64);

impl Pick {
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}
