package lethe.db;

import io.dropwizard.lifecycle.Managed;
import lethe.problem.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Work on the database that runs beside the requests, on a daemon thread of its own, one step at a time,
 * until it is finished or lethe stops: the search indexer, the files back-fill. A step that fails (anything,
 * an OutOfMemoryError caused by some request included) is logged and tried again after a back-off that
 * doubles with each failure in a row, up to a minute: a worker that died would leave its work undone until
 * a restart.
 */
public abstract class BackgroundWork implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final String threadName;
    private final String what;
    private volatile boolean running;
    private Thread worker;

    /** @param what what the work is, for the log ("Full-text indexing") */
    protected BackgroundWork(String threadName, String what) {
        this.threadName = threadName;
        this.what = what;
    }

    /** Whether there is work at startup; without any, the thread is never started. */
    protected boolean needed() {
        return true;
    }

    /** One step of the work; false once it is finished for good. May wait, and must stop waiting when interrupted. */
    protected abstract boolean step() throws InterruptedException;

    @Override
    public void start() {
        if (!needed()) {
            return;
        }
        running = true;
        worker = new Thread(this::workWhileRunning, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (worker == null) {
            return;
        }
        running = false;
        worker.interrupt();
        worker.join(Duration.ofSeconds(10).toMillis());
    }

    /** Doubles from five seconds with each failure in a row, up to a minute. */
    static Duration backOff(int failuresInARow) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failuresInARow - 1, 4);
        return Duration.ofSeconds(Math.min(seconds, LAST_RETRY.toSeconds()));
    }

    private void workWhileRunning() {
        int failures = 0;
        while (running) {
            try {
                if (!step()) {
                    return;
                }
                failures = 0;
            } catch (InterruptedException stop) {
                return;
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                failures++;
                Duration backOff = backOff(failures);
                LOG.warn("{} failed ({} in a row); trying again in {} s", what, failures, backOff.toSeconds(),
                        SafeText.forLog(e));
                try {
                    Thread.sleep(backOff.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
