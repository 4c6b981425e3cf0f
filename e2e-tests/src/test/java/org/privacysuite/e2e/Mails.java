package org.privacysuite.e2e;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mails the suite sent, as the SMTP server received them. */
final class Mails {

    private final GreenMail server;

    Mails(GreenMail server) {
        this.server = server;
    }

    List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits for the {@code n}-th mail to the address and returns it. */
    MimeMessage awaitMail(String address, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(address).size() >= n);
        return to(address).get(n - 1);
    }

    /**
     * Waits for a mail to the address whose body matches {@code regex} and returns the first group of the first such
     * mail: for mails sent once (a download link), wherever they fall among the others (notices, codes).
     */
    String awaitFind(String address, String regex) {
        Pattern pattern = Pattern.compile(regex);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(address).stream()
                .anyMatch(m -> pattern.matcher(body(m)).find()));
        return to(address).stream().map(Mails::body).filter(b -> pattern.matcher(b).find()).findFirst()
                .map(b -> find(b, regex)).orElseThrow();
    }

    static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
    }

    static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("No match for " + regex + " in:\n" + text);
        }
        return matcher.group(1);
    }
}
