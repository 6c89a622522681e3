package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An open device file of one process: its GPU address space, its process address space (for userptr
 * buffers), and its submissions. A client throttles itself: with {@link #MAX_IN_FLIGHT} submissions
 * unfinished, the next one first waits for the oldest (holding nothing).
 */
public final class Client {
    /** Submissions a client may have unfinished before the next one waits. */
    public static final int MAX_IN_FLIGHT = 16;

    private final GpuDevice device;
    private final String name;
    private final AddressSpace space;
    private final GpuVm vm;
    private final ConcurrentLinkedDeque<Fence> inFlight = new ConcurrentLinkedDeque<>();

    Client(GpuDevice device, String name, AddressSpace space) {
        this.device = device;
        this.name = name;
        this.space = space;
        this.vm = new GpuVm(device.machine(), name);
    }

    /** The client's name. */
    public String name() {
        return name;
    }

    /** Its process's address space. */
    public AddressSpace space() {
        return space;
    }

    /** Its GPU address space. */
    public GpuVm vm() {
        return vm;
    }

    /** Submits a job that uses {@code uses}; returns its finished fence. */
    public Fence submit(List<BoUse> uses) {
        return Submission.submit(device, this, uses, false);
    }

    /** Submits a job that locks up the GPU until the timeout handler resets it. */
    public Fence submitHanging(List<BoUse> uses) {
        return Submission.submit(device, this, uses, true);
    }

    /** Copies {@code src} to {@code dst} on the GPU; returns the copy's finished fence. */
    public Fence copy(Bo src, Bo dst) {
        return Submission.copy(device, this, src, dst);
    }

    /** Waits for the oldest unfinished submission while there are too many. Holds nothing. */
    void throttle() {
        Fence oldest;
        while (inFlight.size() >= MAX_IN_FLIGHT && (oldest = inFlight.peekFirst()) != null) {
            Waits.fence(oldest, device.machine());
            inFlight.remove(oldest);
        }
    }

    void submitted(Fence finished) {
        inFlight.addLast(finished);
        while (!inFlight.isEmpty() && inFlight.peekFirst().isSignaled()) {
            inFlight.pollFirst();
        }
    }

    @Override
    public String toString() {
        return "client " + name;
    }
}
