package org.csssim.internal.id;

/**
 * A 64-bit hash of text, for sets kept in heap as primitive longs in place of the strings (the
 * dormant instances' keys), or as the bits of Bloom filters (the record of accepted eventIds).
 * Not a defence: texts made to collide share a hash; what each set does then is said where it
 * is used.
 */
public final class Hash64 {
  private Hash64() {}

  /** FNV-1a over the characters, then SplitMix64's finaliser to spread the bits. */
  public static long of(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
