package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;

/**
 * A simulated GPU and its driver: buffer manager and shrinker, hardware ring with its engine and
 * interrupt threads, scheduler thread, timeout handler, runtime power management, and the mmu notifier
 * for userptr buffers. Its threads belong to the {@link Machine}, which stops them.
 *
 * <p>Driver threads: {@code <name>-engine}, {@code <name>-irq}, {@code <name>-sched}, {@code <name>-tdr}.
 */
public final class GpuDevice {
    /** The job timeout used unless another is given. */
    public static final long DEFAULT_JOB_TIMEOUT_MILLIS = 100;

    private final Machine machine;
    private final String name;
    private final BoManager bos;
    private final PowerManager pm;
    private final HardwareRing ring;
    private final Scheduler scheduler;
    private final Recovery recovery;
    private final UserptrNotifier userptrs;

    /** A GPU on {@code machine} with the default job timeout. */
    public GpuDevice(Machine machine, String name) {
        this(machine, name, DEFAULT_JOB_TIMEOUT_MILLIS);
    }

    /** A GPU on {@code machine} whose timeout handler resets a job after {@code jobTimeoutMillis}. */
    public GpuDevice(Machine machine, String name, long jobTimeoutMillis) {
        this.machine = machine;
        this.name = name;
        this.bos = new BoManager(machine.memory());
        machine.memory().shrinkers().register(bos);
        this.pm = new PowerManager(machine);
        this.ring = new HardwareRing(machine, name, pm::put);
        this.scheduler = new Scheduler(machine, name, ring);
        this.recovery = new Recovery(machine, name, ring, jobTimeoutMillis);
        this.userptrs = new UserptrNotifier(machine);
    }

    /** Opens the device for a process with address space {@code space}. */
    public Client openClient(String clientName, AddressSpace space) {
        return new Client(this, clientName, space);
    }

    /** A new buffer of {@code pages} pages in device memory. */
    public Bo createBo(String boName, long pages) {
        return bos.create(boName, pages);
    }

    /** A new userptr buffer: {@code pages} pages of {@code space} from address {@code start}. */
    public Bo createUserptrBo(String boName, long pages, AddressSpace space, long start) {
        Bo bo = bos.createUserptr(boName, pages, space, start);
        userptrs.add(bo);
        return bo;
    }

    /** Lets another driver take part in GPU resets. */
    public void addResetHook(ResetHook hook) {
        recovery.addHook(hook);
    }

    /** Runtime suspend: waits for the GPU to go idle, then powers it down. */
    public boolean suspend() {
        return pm.suspend(ring);
    }

    /** The machine it runs on. */
    public Machine machine() {
        return machine;
    }

    /** Its name. */
    public String name() {
        return name;
    }

    /** Its buffer manager. */
    public BoManager bos() {
        return bos;
    }

    /** Its runtime power management. */
    public PowerManager pm() {
        return pm;
    }

    /** Its hardware ring. */
    public HardwareRing ring() {
        return ring;
    }

    /** Its scheduler. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Its timeout handler. */
    public Recovery recovery() {
        return recovery;
    }

    /** Its mmu notifier for userptr buffers. */
    public UserptrNotifier userptrs() {
        return userptrs;
    }

    /** One line of counters. */
    public String stats() {
        return scheduler.completed() + " jobs (" + scheduler.failed() + " failed), " + recovery.resets() + " reset(s), "
                + bos.evictions() + " eviction(s), " + userptrs.invalidations() + " userptr invalidation(s)";
    }

    @Override
    public String toString() {
        return "gpu " + name;
    }
}
