//! The Lua scripts that run inside Redis, each in one round trip and on Redis' clock, so every
//! instance agrees.

/// GCRA for every bucket of one request: the wait in microseconds of the first bucket that
/// refuses (the ones before it count the request, as in this process), 0 when all admit. ARGV:
/// each bucket's interval and tolerance in microseconds, in the order of KEYS.
pub const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local wait = tat - tonumber(ARGV[2 * i]) - now
  if wait > 0 then return wait end
  local next = tat + tonumber(ARGV[2 * i - 1])
  redis.call('SET', key, next, 'PX', math.ceil((next - now) / 1000) + 1)
end
return 0
";

/// The porting cap: 1 when one more create is admitted, 0 when full. ARGV: portings the session
/// lists, the cap, and when the count may be forgotten (Unix seconds).
pub const RESERVE: &str = r"
local n = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[1]))
if n >= tonumber(ARGV[2]) then return 0 end
local keep = tonumber(ARGV[3])
local ttl = redis.call('TTL', KEYS[1])
local now = tonumber(redis.call('TIME')[1])
if ttl > 0 and now + ttl > keep then keep = now + ttl end
redis.call('SET', KEYS[1], n + 1)
redis.call('EXPIREAT', KEYS[1], keep)
return 1
";

/// Gives back one place [`RESERVE`] admitted, never counting below zero.
pub const GIVE_BACK: &str = r"
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 1
";
