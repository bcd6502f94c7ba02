package io.dirsync.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookRedactTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://app.example/hooks/dirsync | https://app.example/hooks/dirsync",
      "https://app.example:8443/h?token=s3cret | https://app.example:8443/h?…",
      "https://user:s3cret@app.example/h | https://app.example/h",
      "http://127.0.0.1:9000/h | http://127.0.0.1:9000/h"})
  void aShownUrlCarriesNeitherUserInfoNorQuery(String url, String shown) {
    assertThat(WebhookSink.redact(url)).isEqualTo(shown).doesNotContain("s3cret");
  }
}
