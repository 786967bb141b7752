package io.nvo3.bench.bgp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nvo3's {@link io.nvo3.bgp.speaker.BgpSpeaker} alone in its own JVM ({@link NvoSpeakerMain}), started
 * with this JVM's java and class path plus {@code jvmOptions}. Log lines go to a file; answers
 * ({@code @@ ...}) to a queue.
 */
final class NvoSut implements Sut {
    private static final Pattern ACCEPTED = Pattern.compile("accepted=(\\d+)");
    private final List<String> jvmOptions;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private Process process;
    private PrintWriter commands;
    private Path dir;

    NvoSut(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public String name() {
        return "nvo3 BgpSpeaker";
    }

    public void start(Topology t, FeedKind feed, String cpu, Path dir) throws Exception {
        this.dir = dir;
        List<String> c = new ArrayList<>(List.of("taskset", "-c", cpu,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        c.addAll(jvmOptions);
        c.add("-DNVO3_LOG_LEVEL=INFO"); // the app's logback.xml reads it; an inherited "debug" would slow the SUT down
        c.add("-Dnvo3.bench.dir=" + dir); // names the work directory in the command line, for the script's clean-up
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), NvoSpeakerMain.class.getName(), t.sutAddress(),
                Integer.toString(t.port()), t.feederAddress(), t.receiverAddress(), feed.label));
        Files.writeString(dir.resolve("command"), String.join(" ", c) + "\n");
        process = new ProcessBuilder(c).redirectErrorStream(true).start();
        Processes.writePid(dir, process);
        commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Writer log = Files.newBufferedWriter(dir.resolve("speaker.log"));
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    log) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.startsWith("@@ ")) {
                        answers.add(l.substring(3));
                    } else {
                        log.write(l);
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException e) {
                answers.add("error " + e);
            }
        }, "nvo3-sut-output");
        pump.setDaemon(true);
        pump.start();
        String first = answers.poll(60, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("ready")) {
            throw new IllegalStateException("nvo3 speaker did not start (" + first + "): " + log());
        }
    }

    private String ask(String command) throws InterruptedException {
        commands.println(command);
        String a = answers.poll(120, TimeUnit.SECONDS);
        if (a == null || a.startsWith("error")) {
            throw new IllegalStateException("nvo3 speaker did not answer " + command + ": " + a + "\n" + log());
        }
        return a;
    }

    public long pid() {
        return process.pid();
    }

    public long accepted() throws InterruptedException {
        Matcher m = ACCEPTED.matcher(ask("status"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public Optional<String> memoryNote() throws InterruptedException {
        String a = ask("gc");
        Matcher used = Pattern.compile("heapUsed=(\\d+)").matcher(a);
        Matcher committed = Pattern.compile("heapCommitted=(\\d+)").matcher(a);
        Matcher gc = Pattern.compile("gc=(\\S+)").matcher(a);
        if (!used.find() || !committed.find() || !gc.find()) {
            return Optional.of(a);
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "heap after full GC %.1f MB of %.1f MB committed (%s)",
                Long.parseLong(used.group(1)) / 1048576.0, Long.parseLong(committed.group(1)) / 1048576.0, gc.group(1)));
    }

    public String log() {
        return Processes.tail(dir.resolve("speaker.log"), 30);
    }

    public void close() {
        if (commands != null) {
            commands.close(); // end of input: the speaker closes its sessions and exits
        }
        if (process != null) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    Processes.stop(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Processes.stop(process);
            }
        }
    }
}
