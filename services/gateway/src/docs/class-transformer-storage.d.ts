// class-transformer keeps its @Type metadata here; the package ships no declaration for the CommonJS path.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
