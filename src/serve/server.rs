//! The connections of `toolkit serve`: HTTP/1.1 on `std::net`, with every resource a client can
//! hold bounded, so that no client, and no shortage of descriptors, stops the server.
//!
//! One thread accepts connections. One, the waiting room, waits (with `polling`) for the next
//! request on every open connection and keeps the event streams. A fixed pool of workers reads
//! request heads and writes the answers, one connection at a time each; between requests a
//! connection waits in the room, so an idle or slow client costs a descriptor and a few bytes,
//! never a thread. Limits: [`MAX_CONNECTIONS`] connections (the rest get a 503), heads of
//! [`MAX_HEAD`] bytes, [`HEAD_TIMEOUT`] to send a head, [`IDLE_TIMEOUT`] between requests,
//! [`WRITE_TIMEOUT`] for a client to take each part of an answer, and [`MAX_EVENT_STREAMS`].

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::MutexGuard;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use polling::{Event, Events, Poller};

use super::Shared;
use super::http::{self, Answer, EVENTS_KEEP_ALIVE};
use super::request::{self, MAX_HEAD, Parsed, Request};
use super::response::Response;
use crate::diagnostics::Diagnostic;

/// The most connections open at once, when the descriptor limit allows; more get a 503.
pub const MAX_CONNECTIONS: usize = 512;
/// The most event streams (open pages) at once; more get a 503.
pub const MAX_EVENT_STREAMS: usize = 64;
/// How long a client may take to send a request head, from its first byte.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a connection may stay open without a request.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may take to accept each part of an answer.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a refused request's connection is read (and the bytes dropped) before it is closed,
/// so that the client sees the answer: closing with unread bytes resets the connection.
const LINGER: Duration = Duration::from_secs(2);
/// How many requests of one connection a worker answers before others get a turn.
const REQUESTS_PER_TURN: usize = 8;
/// How much is read from a connection at a time.
const READ_CHUNK: usize = 16 * 1024;
/// How often the waiting room looks for connections that waited too long.
const TICK: Duration = Duration::from_millis(250);
/// How long accepting pauses after an error such as running out of descriptors.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);
/// How long after reporting an error in accepting connections another one is reported.
const ACCEPT_ERROR_QUIET: Duration = Duration::from_secs(60);
/// How often an idle event stream sends a comment, so that closed pages are noticed.
const EVENTS_KEEP_ALIVE_EVERY: Duration = Duration::from_secs(15);

/// Serves requests on `listener`; returns once the threads that do it are started.
pub fn start(listener: TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    let limits = Limits::for_this_process();
    let poller = Arc::new(Poller::new()?);
    let (room_sender, arrivals) = mpsc::channel();
    let (queue, work) = mpsc::sync_channel(limits.connections);
    let context = Arc::new(Context {
        shared,
        poller,
        room: room_sender,
        idle: Mutex::new(HashMap::new()),
        next_key: AtomicUsize::new(0),
        queue,
        connections: Counter::new(limits.connections),
        event_streams: Counter::new(MAX_EVENT_STREAMS),
    });

    // A new build wakes the waiting room, which tells every event stream.
    let (builds, announced) = mpsc::channel();
    context.shared.listen(builds);
    let poller = Arc::clone(&context.poller);
    spawn("toolkit-serve-builds", move || {
        for _ in announced {
            let _ = poller.notify();
        }
    })?;

    let mut room = Room::new(Arc::clone(&context), arrivals);
    spawn("toolkit-serve-room", move || room.run_forever())?;

    let work = Arc::new(Mutex::new(work));
    let mut started = 0;
    let mut last_error = None;
    for n in 0..limits.workers {
        let work = Arc::clone(&work);
        let context = Arc::clone(&context);
        match spawn(&format!("toolkit-serve-{n}"), move || {
            worker(&work, &context)
        }) {
            Ok(()) => started += 1,
            Err(e) => last_error = Some(e),
        }
    }
    if started == 0 {
        return Err(last_error.unwrap_or_else(|| io::Error::other("no worker thread")));
    }

    spawn("toolkit-serve-accept", move || {
        accept_forever(&listener, &context)
    })?;
    Ok(())
}

fn spawn(name: &str, run: impl FnOnce() + Send + 'static) -> io::Result<()> {
    thread::Builder::new()
        .name(name.to_string())
        .spawn(run)
        .map(drop)
}

/// How many connections and workers this process can afford.
struct Limits {
    connections: usize,
    workers: usize,
}

impl Limits {
    fn for_this_process() -> Limits {
        // Each connection costs a descriptor; keep half of them for the build, the watcher and
        // the files being served.
        let descriptors = raise_descriptor_limit();
        let connections = usize::try_from(descriptors / 2)
            .unwrap_or(MAX_CONNECTIONS)
            .clamp(16, MAX_CONNECTIONS);
        let workers = thread::available_parallelism().map_or(4, |n| (n.get() * 2).clamp(4, 16));
        Limits {
            connections,
            workers,
        }
    }
}

/// Raises the soft limit on open descriptors to the hard limit, where that is allowed; the soft
/// limit in force afterwards.
fn raise_descriptor_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024)
}

/// What the threads share.
struct Context {
    shared: Arc<Shared>,
    poller: Arc<Poller>,
    /// Connections closing after a refusal, and event streams, for the waiting room.
    room: Sender<Waiting>,
    /// Connections waiting for their next request, by key: the waiting room's too, but workers
    /// put them there themselves, without waking it.
    idle: Mutex<HashMap<usize, Connection>>,
    next_key: AtomicUsize,
    /// Connections with a request to read or answer, for the workers.
    queue: SyncSender<Connection>,
    connections: Counter,
    event_streams: Counter,
}

impl Context {
    /// Hands `waiting` to the waiting room.
    fn wait(&self, waiting: Waiting) {
        if self.room.send(waiting).is_ok() {
            let _ = self.poller.notify();
        }
    }

    fn idle(&self) -> MutexGuard<'_, HashMap<usize, Connection>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Leaves `connection` in the waiting room until its client sends more.
    fn rest(&self, connection: Connection) {
        let key = connection.socket.key;
        let mut idle = self.idle();
        // In the map before it is armed, so that the room finds it when the client sends.
        idle.insert(key, connection);
        if idle[&key].socket.arm().is_err() {
            idle.remove(&key);
        }
    }

    /// Hands `connection` to the next free worker. The queue holds as many connections as may be
    /// open, so it is never full.
    fn work(&self, connection: Connection) {
        let _ = self.queue.try_send(connection);
    }
}

/// Counts something of which at most `max` may exist at once.
struct Counter {
    count: Arc<AtomicUsize>,
    max: usize,
}

/// One of what a [`Counter`] counts; given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Counter {
    fn new(max: usize) -> Counter {
        Counter {
            count: Arc::new(AtomicUsize::new(0)),
            max,
        }
    }

    fn take(&self) -> Option<Slot> {
        self.count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(&self.count)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections for good: an error (out of descriptors, say) is reported (once a minute
/// at most) and accepting goes on after a pause, when connections may have closed.
fn accept_forever(listener: &TcpListener, context: &Context) {
    let mut reported: Option<Instant> = None;
    loop {
        match listener.accept() {
            Ok((stream, _)) => admit(stream, context),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => {
                if reported.is_none_or(|at| at.elapsed() >= ACCEPT_ERROR_QUIET) {
                    reported = Some(Instant::now());
                    let d = Diagnostic::warning(format!(
                        "cannot accept connections: {e}; trying again as connections close"
                    ))
                    .with_hint("close some connections or raise the limit (`ulimit -n`)");
                    anstream::eprintln!("{}", d.render(true));
                }
                thread::sleep(ACCEPT_PAUSE);
            }
        }
    }
}

/// Takes in a new connection, or answers 503 and closes it when too many are open.
fn admit(stream: TcpStream, context: &Context) {
    let Some(slot) = context.connections.take() else {
        let response = Response::text(503, "Too many connections; try again.\n")
            .with_header("Retry-After", "1");
        let mut bytes = response.head(false, false);
        bytes.extend_from_slice(&response.body);
        // A fresh connection takes a few hundred bytes at once; nothing here may wait.
        let _ = stream.set_nonblocking(true);
        let _ = (&stream).write(&bytes);
        let _ = stream.shutdown(Shutdown::Write);
        return;
    };
    let key = context.next_key.fetch_add(1, Ordering::Relaxed) % usize::MAX;
    if let Ok(connection) =
        Socket::new(stream, key, &context.poller).and_then(|socket| Connection::new(socket, slot))
    {
        context.rest(connection);
    }
}

/// A connection's socket, registered with the poller under `key` for all its life (and armed
/// while it waits in the room); deleted from the poller when dropped, before it is closed.
struct Socket {
    stream: TcpStream,
    key: usize,
    poller: Arc<Poller>,
}

impl Socket {
    fn new(stream: TcpStream, key: usize, poller: &Arc<Poller>) -> io::Result<Socket> {
        // `usize::MAX` is the poller's own key.
        debug_assert!(key != usize::MAX);
        // SAFETY: `Drop` deletes the stream from the poller before the stream is closed.
        unsafe { poller.add(&stream, Event::none(key))? };
        Ok(Socket {
            stream,
            key,
            poller: Arc::clone(poller),
        })
    }

    /// Asks the poller for the next time the client sends something (or closes).
    fn arm(&self) -> io::Result<()> {
        self.poller.modify(&self.stream, Event::readable(self.key))
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        let _ = self.poller.delete(&self.stream);
    }
}

/// An open connection and the bytes read from it that are not answered yet.
struct Connection {
    socket: Socket,
    buffer: Vec<u8>,
    /// How far `buffer` was searched for the end of the head.
    scanned: usize,
    /// Since when it has waited for a request: its start, or the end of the last answer.
    idle_since: Instant,
    /// When the first byte of the head being read came.
    head_since: Option<Instant>,
    nonblocking: bool,
    slot: Slot,
}

/// What a connection has next.
enum Next {
    Request(Request),
    /// Nothing more to read now.
    Wait,
    /// The client closed it, or it failed.
    Closed,
    /// A request that gets this status and the connection closed.
    Refuse(u16),
}

impl Connection {
    fn new(socket: Socket, slot: Slot) -> io::Result<Connection> {
        // Without TCP_NODELAY, an answer's head and body go out in two segments and every
        // keep-alive request waits for the client's delayed acknowledgement (about 40 ms).
        socket.stream.set_nodelay(true)?;
        socket.stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
        socket.stream.set_nonblocking(true)?;
        Ok(Connection {
            socket,
            buffer: Vec::new(),
            scanned: 0,
            idle_since: Instant::now(),
            head_since: None,
            nonblocking: true,
            slot,
        })
    }

    fn set_nonblocking(&mut self, nonblocking: bool) -> io::Result<()> {
        if self.nonblocking != nonblocking {
            self.socket.stream.set_nonblocking(nonblocking)?;
            self.nonblocking = nonblocking;
        }
        Ok(())
    }

    /// The next request head, from the bytes read and, with `read`, what can be read without
    /// waiting.
    fn next(&mut self, read: bool) -> Next {
        loop {
            match request::parse(&self.buffer, &mut self.scanned) {
                Parsed::Complete(request) => {
                    self.buffer.drain(..request.length);
                    self.scanned = 0;
                    self.head_since = (!self.buffer.is_empty()).then(Instant::now);
                    if self.buffer.capacity() > 2 * READ_CHUNK {
                        self.buffer.shrink_to(READ_CHUNK);
                    }
                    return Next::Request(request);
                }
                Parsed::Malformed => return Next::Refuse(400),
                Parsed::TooLarge => return Next::Refuse(431),
                Parsed::Incomplete if !read => return Next::Wait,
                Parsed::Incomplete => {}
            }
            match self.read_more() {
                Ok(0) => return Next::Closed,
                Ok(_) => {
                    self.head_since.get_or_insert_with(Instant::now);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Next::Wait,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Next::Closed,
            }
        }
    }

    /// Reads what is there without waiting, never more than one head's worth.
    fn read_more(&mut self) -> io::Result<usize> {
        self.set_nonblocking(true)?;
        let mut chunk = [0u8; READ_CHUNK];
        let room = (MAX_HEAD + 1)
            .saturating_sub(self.buffer.len())
            .clamp(1, READ_CHUNK);
        let read = self.socket.stream.read(&mut chunk[..room])?;
        self.buffer.extend_from_slice(&chunk[..read]);
        Ok(read)
    }

    /// Writes `parts`, waiting at most [`WRITE_TIMEOUT`] for the client to take each piece.
    fn write(&mut self, parts: &[&[u8]]) -> io::Result<()> {
        self.set_nonblocking(false)?;
        let length: usize = parts.iter().map(|p| p.len()).sum();
        if length <= 64 * 1024 {
            self.socket.stream.write_all(&parts.concat())
        } else {
            parts
                .iter()
                .try_for_each(|p| self.socket.stream.write_all(p))
        }
    }

    /// When the waiting room gives up on it.
    fn deadline(&self) -> Instant {
        match self.head_since {
            Some(since) => since + HEAD_TIMEOUT,
            None => self.idle_since + IDLE_TIMEOUT,
        }
    }
}

/// Answers connections from the queue, one at a time, for good. A panic while answering (a bug)
/// is reported by the panic hook and closes only that connection.
fn worker(work: &Mutex<Receiver<Connection>>, context: &Context) {
    loop {
        let next = work.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(connection) = next else { return };
        let _ = catch_unwind(AssertUnwindSafe(|| serve_turn(connection, context)));
    }
}

/// Answers the requests `connection` has sent, up to [`REQUESTS_PER_TURN`] (then it goes to the
/// end of the queue, so that other connections get their turn), and leaves it in the waiting room
/// until its client sends more.
fn serve_turn(mut connection: Connection, context: &Context) {
    for turn in 0..REQUESTS_PER_TURN {
        // After an answer, only what was read already: the room hears when the client sends more.
        let request = match connection.next(turn == 0) {
            Next::Request(request) => request,
            Next::Wait => return context.rest(connection),
            Next::Closed => return,
            Next::Refuse(status) => return refuse(connection, status, context),
        };
        let response = match http::answer(&request, &context.shared) {
            Answer::Events => return open_events(connection, &request, context),
            Answer::Response(response) => response.checked(),
        };
        let keep_alive = !request.close && !request.has_body;
        let body: &[u8] = if request.method == "HEAD" {
            &[]
        } else {
            &response.body
        };
        let head = response.head(keep_alive, request.http_1_0);
        if connection.write(&[&head, body]).is_err() {
            return;
        }
        if !keep_alive {
            let linger = request.has_body || !connection.buffer.is_empty();
            return close(connection, linger, context);
        }
        connection.idle_since = Instant::now();
    }
    context.work(connection);
}

/// Answers a request that cannot be read with `status` (400, 431) and closes the connection.
fn refuse(mut connection: Connection, status: u16, context: &Context) {
    let text = match status {
        431 => format!(
            "The request line and headers are longer than {} KiB.\n",
            MAX_HEAD / 1024
        ),
        _ => "This is not an HTTP/1.1 request.\n".to_string(),
    };
    let response = Response::text(status, &text);
    connection.buffer = Vec::new();
    if connection
        .write(&[&response.head(false, false), &response.body])
        .is_ok()
    {
        close(connection, true, context);
    }
}

/// Closes `connection` after its last answer. With `linger`, the client may still be sending:
/// the waiting room reads and drops what comes for a while, so that the client sees the answer.
fn close(mut connection: Connection, linger: bool, context: &Context) {
    let _ = connection.socket.stream.shutdown(Shutdown::Write);
    if linger && connection.set_nonblocking(true).is_ok() {
        context.wait(Waiting::Closing(connection, Instant::now() + LINGER));
    }
}

/// Starts the event stream: its head and the current build at once, then the waiting room sends
/// every new build. Beyond [`MAX_EVENT_STREAMS`], a 503.
fn open_events(mut connection: Connection, request: &Request, context: &Context) {
    let Some(slot) = context.event_streams.take() else {
        let response = Response::text(503, "Too many pages are open; close some.\n")
            .with_header("Retry-After", "5");
        if connection
            .write(&[&response.head(false, request.http_1_0), &response.body])
            .is_ok()
        {
            let linger = !connection.buffer.is_empty();
            close(connection, linger, context);
        }
        return;
    };
    let id = context.shared.current().id.clone();
    if connection
        .write(&[http::events_head(&id).as_bytes()])
        .is_err()
        || connection.set_nonblocking(true).is_err()
    {
        return;
    }
    context.wait(Waiting::Events(EventStream {
        socket: connection.socket,
        sent: id,
        last_write: Instant::now(),
        _connection: connection.slot,
        _slot: slot,
    }));
}

/// An open event stream, in the waiting room.
struct EventStream {
    socket: Socket,
    /// The last build id it was sent.
    sent: String,
    last_write: Instant,
    _connection: Slot,
    _slot: Slot,
}

/// What the waiting room keeps besides the connections that wait for a request.
enum Waiting {
    /// Closed for writing after a refusal; read and dropped until the client closes it or the
    /// time is up.
    Closing(Connection, Instant),
    Events(EventStream),
}

impl Waiting {
    fn socket(&mut self) -> &mut Socket {
        match self {
            Waiting::Closing(c, _) => &mut c.socket,
            Waiting::Events(e) => &mut e.socket,
        }
    }
}

/// The waiting room: the connections that wait for their client. Those that wait for a request
/// are in the context's `idle` map; closing connections and event streams are the room's own.
struct Room {
    context: Arc<Context>,
    arrivals: Receiver<Waiting>,
    waiting: HashMap<usize, Waiting>,
    /// The keys of the event streams in `waiting`.
    streams: Vec<usize>,
    events: Events,
    last_sweep: Instant,
}

impl Room {
    fn new(context: Arc<Context>, arrivals: Receiver<Waiting>) -> Room {
        Room {
            context,
            arrivals,
            waiting: HashMap::new(),
            streams: Vec::new(),
            events: Events::new(),
            last_sweep: Instant::now(),
        }
    }

    /// Runs the room for good: after a panic (a bug), it drops what it held and goes on.
    fn run_forever(&mut self) {
        loop {
            if catch_unwind(AssertUnwindSafe(|| self.run())).is_err() {
                self.waiting.clear();
                self.streams.clear();
            }
        }
    }

    fn run(&mut self) {
        loop {
            while let Ok(waiting) = self.arrivals.try_recv() {
                self.add(waiting);
            }
            self.events.clear();
            if let Err(e) = self.context.poller.wait(&mut self.events, Some(TICK))
                && e.kind() != io::ErrorKind::Interrupted
            {
                thread::sleep(TICK);
            }
            let ready: Vec<usize> = self.events.iter().map(|event| event.key).collect();
            for key in ready {
                self.ready(key);
            }
            self.announce();
            if self.last_sweep.elapsed() >= TICK {
                self.sweep();
            }
        }
    }

    fn add(&mut self, mut waiting: Waiting) {
        let socket = waiting.socket();
        let key = socket.key;
        if socket.arm().is_err() {
            return;
        }
        if matches!(waiting, Waiting::Events(_)) {
            self.streams.push(key);
        }
        self.waiting.insert(key, waiting);
    }

    fn remove(&mut self, key: usize) {
        if let Some(Waiting::Events(_)) = self.waiting.remove(&key) {
            self.streams.retain(|k| *k != key);
        }
    }

    /// The client of `key` sent something (or closed the connection).
    fn ready(&mut self, key: usize) {
        let connection = self.context.idle().remove(&key);
        if let Some(connection) = connection {
            return self.context.work(connection);
        }
        // Nothing is expected from the others: read and drop it, and see whether they closed.
        let open = match self.waiting.get_mut(&key) {
            None => return,
            Some(waiting) => {
                let socket = waiting.socket();
                drain(&mut socket.stream) && socket.arm().is_ok()
            }
        };
        if !open {
            self.remove(key);
        }
    }

    /// Sends each event stream the current build when it has not had it, or a comment when it
    /// has been quiet for a while. A stream that cannot take it at once is closed: its page
    /// does not read it, and reconnects if it is still open.
    fn announce(&mut self) {
        if self.streams.is_empty() {
            return;
        }
        let current = self.context.shared.current();
        let now = Instant::now();
        let mut closed = Vec::new();
        for key in &self.streams {
            let Some(Waiting::Events(stream)) = self.waiting.get_mut(key) else {
                continue;
            };
            let text = if stream.sent != current.id {
                http::event(&current.id)
            } else if now.duration_since(stream.last_write) >= EVENTS_KEEP_ALIVE_EVERY {
                EVENTS_KEEP_ALIVE.to_string()
            } else {
                continue;
            };
            match (&stream.socket.stream).write(text.as_bytes()) {
                Ok(n) if n == text.len() => {
                    stream.sent = current.id.clone();
                    stream.last_write = now;
                }
                _ => closed.push(*key),
            }
        }
        for key in closed {
            self.remove(key);
        }
    }

    /// Closes connections that waited too long; one that had sent part of a head gets a 408.
    fn sweep(&mut self) {
        let now = Instant::now();
        self.last_sweep = now;
        let expired: Vec<Connection> = {
            let mut idle = self.context.idle();
            let keys: Vec<usize> = idle
                .iter()
                .filter(|(_, connection)| connection.deadline() <= now)
                .map(|(key, _)| *key)
                .collect();
            keys.iter().filter_map(|key| idle.remove(key)).collect()
        };
        for connection in expired {
            if connection.head_since.is_some() {
                let timeout = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                let _ = (&connection.socket.stream).write(timeout);
            }
        }
        let closed: Vec<usize> = self
            .waiting
            .iter()
            .filter(|(_, waiting)| matches!(waiting, Waiting::Closing(_, until) if *until <= now))
            .map(|(key, _)| *key)
            .collect();
        for key in closed {
            self.remove(key);
        }
    }
}

/// Reads and drops what `stream` has without waiting; whether it is still open.
fn drain(stream: &mut TcpStream) -> bool {
    let mut scratch = [0u8; 8192];
    for _ in 0..64 {
        match stream.read(&mut scratch) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}
