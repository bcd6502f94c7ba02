package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/** A generated service account: an RSA key pair and the identity the key file names. */
final class ServiceAccountKey {
  private final KeyPair keyPair;
  private final String keyId;
  private final String clientEmail;
  private final String clientId;
  private final String projectId;

  ServiceAccountKey(String projectId, SecureRandom random) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048, random);
      this.keyPair = gen.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] id = new byte[20];
    random.nextBytes(id);
    this.keyId = HexFormat.of().formatHex(id);
    this.projectId = projectId;
    this.clientEmail = "dirsync-reader@" + projectId + ".iam.gserviceaccount.com";
    StringBuilder cid = new StringBuilder("1");
    for (int i = 0; i < 20; i++) {
      cid.append(random.nextInt(10));
    }
    this.clientId = cid.toString();
  }

  String keyId() {
    return keyId;
  }

  String clientEmail() {
    return clientEmail;
  }

  String clientId() {
    return clientId;
  }

  RSAPublicKey publicKey() {
    return (RSAPublicKey) keyPair.getPublic();
  }

  /** Writes the JSON key file as the Cloud console does, with {@code token_uri} pointing at {@code tokenUri}. */
  void write(Path file, String tokenUri) {
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("type", "service_account");
    json.put("project_id", projectId);
    json.put("private_key_id", keyId);
    json.put("private_key", pem());
    json.put("client_email", clientEmail);
    json.put("client_id", clientId);
    json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    json.put("token_uri", tokenUri);
    json.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    json.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + clientEmail);
    json.put("universe_domain", "googleapis.com");
    try {
      Files.writeString(file, json.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String pem() {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
  }
}
