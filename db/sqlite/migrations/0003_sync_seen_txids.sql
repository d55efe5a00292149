CREATE TABLE `sync_seen_txids` (
	`txid` text PRIMARY KEY NOT NULL
);
