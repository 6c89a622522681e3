package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Gfp;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Reservation;
import io.jlockdep.fence.Reservations;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.WwAcquireContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-submission ioctls (exec and copy): reserve every buffer of a job under one acquire context,
 * prepare it (fence slots, placement, VM bindings, dependencies — every allocation happens here, before
 * anything is published), then publish the job's finished fence into the buffers' reservations and queue
 * it, inside a signalling section.
 */
final class Submission {
    private Submission() {
    }

    /** The exec ioctl: submits a job using {@code uses} (a buffer listed twice counts once, as written if either use writes). */
    static Fence submit(GpuDevice device, Client client, List<BoUse> uses, boolean hangs) {
        device.machine().checkHealthy();
        List<BoUse> distinct = merge(uses);
        List<Reservation> resvs = new ArrayList<>();
        List<Bo> bos = new ArrayList<>();
        boolean userptr = false;
        for (BoUse u : distinct) {
            if (u.bo().isUserptr() && u.bo().userptrSpace() != client.space()) {
                throw new IllegalArgumentException(u.bo() + " maps the memory of another process than " + client);
            }
            resvs.add(u.bo().resv());
            bos.add(u.bo());
            userptr |= u.bo().isUserptr();
        }
        client.throttle();
        device.pm().get();
        AddressSpace space = client.space();
        for (;;) {
            // Userptr: note the notifier sequence before reading the user pages (and before any lock).
            long seq = userptr ? space.notifiers().readBegin() : 0;
            try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
                Reservations.lockAll(resvs, ctx);
                ctx.done();
                List<Fence> dependencies = prepareLocked(device, client, distinct);
                // Nothing may allocate from here on: the notifier lock is taken by invalidation callbacks,
                // which reclaim may run.
                if (userptr && !device.userptrs().lockIfCurrent(space, seq, bos)) {
                    ctx.unlockAll();
                    continue; // an invalidation raced with us: read the pages again
                }
                Job job = device.scheduler().newJob(client.name(), distinct, dependencies, hangs);
                try {
                    publishLocked(device, job);
                } finally {
                    if (userptr) {
                        device.userptrs().unlock();
                    }
                }
                ctx.unlockAll();
                client.submitted(job.finished());
                return job.finished();
            }
        }
    }

    /** The copy ioctl: a job that reads {@code src} and writes {@code dst}. */
    static Fence copy(GpuDevice device, Client client, Bo src, Bo dst) {
        if (src == dst) {
            throw new IllegalArgumentException("copy from " + src + " onto itself");
        }
        if (src.isUserptr() || dst.isUserptr()) {
            throw new IllegalArgumentException("the copy ioctl takes no userptr buffers");
        }
        device.machine().checkHealthy();
        List<BoUse> uses = List.of(BoUse.read(src), BoUse.write(dst));
        client.throttle();
        device.pm().get();
        if (device.machine().has(Mistake.COPY_LOCKS_BUFFERS_WITHOUT_CONTEXT)) {
            return copyLockingOneByOne(device, client, uses);
        }
        try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
            Reservations.lockAll(List.of(src.resv(), dst.resv()), ctx);
            ctx.done();
            Job job = device.scheduler().newJob(client.name(), uses, prepareLocked(device, client, uses), false);
            publishLocked(device, job);
            ctx.unlockAll();
            client.submitted(job.finished());
            return job.finished();
        }
    }

    /**
     * DELIBERATE MISTAKE (scenario multi-bo-no-ctx): locks the source, then the destination, each with a
     * plain reservation lock and no acquire context. A copy from A to B and one from B to A, on two
     * threads, each hold one buffer and wait for the other.
     * Breaks the rule: lock several reservations only under one acquire context (wait-die back-off).
     */
    private static Fence copyLockingOneByOne(GpuDevice device, Client client, List<BoUse> uses) {
        Bo src = uses.get(0).bo();
        Bo dst = uses.get(1).bo();
        src.resv().lock();
        try {
            dst.resv().lock();
            try {
                Job job = device.scheduler().newJob(client.name(), uses, prepareLocked(device, client, uses), false);
                publishLocked(device, job);
                client.submitted(job.finished());
                return job.finished();
            } finally {
                dst.resv().unlock();
            }
        } finally {
            src.resv().unlock();
        }
    }

    /**
     * Everything that may allocate, with every buffer reserved and nothing published yet: fence slots,
     * placement, VM bindings, the job's memory. Returns the fences the job must wait for (implicit sync).
     */
    private static List<Fence> prepareLocked(GpuDevice device, Client client, List<BoUse> uses) {
        List<Fence> dependencies = new ArrayList<>();
        for (BoUse u : uses) {
            Bo bo = u.bo();
            bo.resv().reserveFences(1);
            device.bos().validate(bo);
            client.vm().bind(bo);
            for (Fence f : bo.resv().fences(Reservation.Usage.forAccess(u.write()))) {
                if (!dependencies.contains(f)) {
                    dependencies.add(f);
                }
            }
        }
        device.machine().memory().kmalloc(Gfp.KERNEL); // the job and its command stream
        return dependencies;
    }

    /**
     * Publishes the job's finished fence into every buffer's reservation and queues the job. From the first
     * {@code addFence} on, other threads can see the fence and wait for it: this is its signalling path.
     * The job is queued before the reservations are unlocked, so a later job that depends on it is always
     * queued after it.
     */
    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private static void publishLocked(GpuDevice device, Job job) {
        try (Scope section = Signalling.begin()) {
            for (BoUse u : job.uses()) {
                u.bo().resv().addFence(job.finished(), u.write() ? Reservation.Usage.WRITE : Reservation.Usage.READ);
            }
            device.scheduler().push(job);
        }
    }

    private static List<BoUse> merge(List<BoUse> uses) {
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one buffer");
        }
        Map<Bo, Boolean> writes = new LinkedHashMap<>();
        for (BoUse u : uses) {
            writes.merge(u.bo(), u.write(), Boolean::logicalOr);
        }
        List<BoUse> out = new ArrayList<>();
        writes.forEach((bo, write) -> out.add(new BoUse(bo, write)));
        return out;
    }
}
