package io.dirsync.core.diff;

import java.util.Comparator;

/**
 * String order by Unicode code point, which is the order of UTF-8 bytes: the order SQLite's
 * default BINARY collation sorts ids in. A merge of two SQLite-sorted streams must compare with
 * this, not {@link String#compareTo} (which differs for characters beyond U+FFFF).
 */
public final class Utf8Order implements Comparator<String> {

  public static final Utf8Order INSTANCE = new Utf8Order();

  private Utf8Order() {
  }

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (ca == cb) {
        i++;
        j++;
        continue;
      }
      if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
        return Character.compare(ca, cb);
      }
      int pa = a.codePointAt(i);
      int pb = b.codePointAt(j);
      if (pa != pb) {
        return Integer.compare(pa, pb);
      }
      i += Character.charCount(pa);
      j += Character.charCount(pb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
