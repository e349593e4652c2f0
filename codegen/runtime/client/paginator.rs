//! Paginators: a `Stream` of pages that follows the output token, and a
//! `Stream` of the items inside those pages.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, E>> + Send>>;
type Fetch<O, E> = Arc<dyn Fn(Option<String>) -> PageFuture<O, E> + Send + Sync>;

/// Pages of a paginated operation, fetched one at a time as they are polled.
///
/// It stops after a page without a next token, with an empty one, or with
/// the same token it just sent (a service bug that would otherwise loop),
/// and after the first error.
pub struct Paginator<O, E> {
    fetch: Fetch<O, E>,
    next_token: fn(&O) -> Option<String>,
    sent: Option<String>,
    pending: Option<PageFuture<O, E>>,
    done: bool,
}

impl<O, E> Paginator<O, E> {
    /// A paginator that calls `fetch` with each page's token.
    pub fn new(
        fetch: impl Fn(Option<String>) -> PageFuture<O, E> + Send + Sync + 'static,
        next_token: fn(&O) -> Option<String>,
    ) -> Self {
        Paginator {
            fetch: Arc::new(fetch),
            next_token,
            sent: None,
            pending: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Option<Result<O, E>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every item of every page, in order.
    pub fn items<T>(self, items: fn(O) -> Vec<T>) -> Items<O, E, T> {
        Items {
            pages: self,
            items,
            buffer: VecDeque::new(),
        }
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<O, E>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let fetch = &self.fetch;
        let sent = &self.sent;
        let future = self.pending.get_or_insert_with(|| fetch(sent.clone()));
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        self.pending = None;
        match &result {
            Ok(page) => match (self.next_token)(page) {
                Some(token)
                    if !token.is_empty() && self.sent.as_deref() != Some(token.as_str()) =>
                {
                    self.sent = Some(token);
                }
                _ => self.done = true,
            },
            Err(_) => self.done = true,
        }
        Poll::Ready(Some(result))
    }
}

impl<O, E> futures_core::Stream for Paginator<O, E> {
    type Item = Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// Items of every page of a paginated operation.
pub struct Items<O, E, T> {
    pages: Paginator<O, E>,
    items: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
}

impl<O, E, T> Items<O, E, T> {
    /// The next item, or `None` after the last page.
    pub async fn next_item(&mut self) -> Option<Result<T, E>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => self.buffer.extend((self.items)(page)),
            }
        }
    }
}

impl<O, E, T> futures_core::Stream for Items<O, E, T> {
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<O, E, T> Unpin for Items<O, E, T> {}
