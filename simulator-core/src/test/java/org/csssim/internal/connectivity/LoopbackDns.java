package org.csssim.internal.connectivity;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS responder on 127.0.0.1 for tests, so that no test asks the machine's resolver: the
 * names given have an A record; any other name does not exist (NXDOMAIN); AAAA questions for
 * a known name get an empty answer.
 */
final class LoopbackDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, String> names;
  private final Thread thread;

  LoopbackDns(Map<String, String> names) throws Exception {
    this.names = names;
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    this.thread = new Thread(this::serve, "loopback-dns");
    thread.setDaemon(true);
    thread.start();
  }

  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Record question = q.getQuestion();
        Message a = new Message(q.getHeader().getID());
        a.getHeader().setFlag(Flags.QR);
        a.getHeader().setFlag(Flags.AA);
        a.addRecord(question, Section.QUESTION);
        String name = question.getName().toString(true).toLowerCase();
        String address = names.get(name);
        if (address == null) {
          a.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.A) {
          a.addRecord(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
        }
        byte[] out = a.toWire();
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (java.io.IOException e) {
        // closed, or a packet it could not read: go on while open
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
