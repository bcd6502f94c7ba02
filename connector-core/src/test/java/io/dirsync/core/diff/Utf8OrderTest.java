package io.dirsync.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8OrderTest {

  @Test
  void ordersLikeUtf8BytesWhichIsHowSqliteSortsIds() {
    List<String> ids = List.of("a", "ab", "b", "Z", "é", "\uFFFD", "😀", "\uE000", "");
    for (String a : ids) {
      for (String b : ids) {
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(Utf8Order.INSTANCE.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
      }
    }
  }
}
