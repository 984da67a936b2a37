import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS server that offers TLS 1.1 only, for the connectivity test's "TLS 1.1 and below
 * refused" step; run with the source launcher and a java.security.properties file that takes
 * TLSv1.1 out of jdk.tls.disabledAlgorithms. Args: PKCS12 file, its password, the file to
 * write the port to.
 */
public class Tls11Server {
  public static void main(String[] args) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[0])) {
      ks.load(in, args[1].toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(ks, args[1].toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
        java.net.InetAddress.getByName("127.0.0.1"));
    server.setEnabledProtocols(new String[] {"TLSv1.1"});
    Files.writeString(Path.of(args[2] + ".tmp"), Integer.toString(server.getLocalPort()));
    Files.move(Path.of(args[2] + ".tmp"), Path.of(args[2]));
    while (true) {
      SSLSocket s = (SSLSocket) server.accept();
      new Thread(() -> {
        try (s) {
          s.setSoTimeout(5000);
          s.startHandshake();
        } catch (Exception e) {
          // refused handshakes are what most probes get
        }
      }).start();
    }
  }
}
